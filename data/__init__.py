"""Course data files, installed as ``crmlab.data``; read them through :mod:`crmlab.datasets`."""
