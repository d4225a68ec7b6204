"""数据: the data dictionary with downloads, the data-check report, the read-only SQL console."""
