"""CSV exports for analysts and spreadsheets, in four parts:

- `csv`: the mechanics (dialects, streaming: PostgreSQL's COPY writes the lines, or Python's csv
  writer on SQLite; the response);
- `columns`: what each export writes, defined once as SQL cells (`COMMITMENT_COLUMNS`,
  `MOTION_COLUMNS`, `RAPPEL_COLUMNS`); the README describes them and the tests check it against
  these lists;
- `rows`: the rows an export reads, and the temporary tables of citations and labels its cells join;
- `views`: the two public exports, bound to the list filters plus the dialect.
"""
