"""Customer satisfaction (客户满意度): placeholder until the satisfaction models land."""
