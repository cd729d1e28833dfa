"""``splatbench benchmark``: spec (spec.py) -> evaluation units (runner.py) -> report (report.py: tables,
plots, HTML)."""
