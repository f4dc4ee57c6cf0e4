"""Customer lifetime value (客户终身价值): placeholder until the CLV models land."""
