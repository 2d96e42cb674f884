"""CSV exports for analysts and spreadsheets, in three parts:

- `csv`: the mechanics (dialects, streaming, neutralising formulas, the response);
- `columns`: what each export writes, defined once (`COMMITMENT_COLUMNS`, `MOTION_COLUMNS`,
  `RAPPEL_COLUMNS`); the README describes them and the tests check it against these lists;
- `views`: the two public exports, bound to the list filters plus the dialect.
"""
