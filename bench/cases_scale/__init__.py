"""The case-scale benchmark (bench/bench_cases_scale.py): a 1,000,000-case PostgreSQL dataset, the workbench
queue and case search measured through the real selectors, and submissions through the API under load.

- `world`: the organisation, staff and catalogue (through the ORM and the catalogue services: small).
- `generate`: applicants and cases, steps, events, suspensions and extensions in bulk (COPY and INSERT … SELECT).
- `measure`: latencies of `tongban.cases.selectors` on that dataset, with EXPLAIN ANALYZE of any query over target.
- `load`: gunicorn on 127.0.0.1 and a bounded multi-process HTTP load generator.
- `run`: the child process that does all of it against the benchmark database and prints the report.
"""
