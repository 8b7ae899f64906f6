"""Criteria sets as data, and the one rules engine every screen and report uses.

What the apps above use:
- `criteria.enums`: `Title` (the five titles), `LabourGroup` (the citizen forms), `Status`, `Rule`.
- `criteria.selectors.published_sets_for(title=, area=)`: the sets a campaign may choose from; the
  campaign keeps a foreign key (PROTECT) to the chosen version, which never changes once published.
- `criteria.selectors.effective_set(criteria_set)`: the set merged with what it extends, as plain
  data, in five queries; build it once, then call
- `criteria.engine.evaluate(rules, scores, variant=None) -> Outcome` for every subject (scores by item
  code, Decimal; `variant` is a form key such as a LabourGroup value). `InvalidScores` lists the scores
  it refuses (over the maximum, negative, unknown item).
"""
