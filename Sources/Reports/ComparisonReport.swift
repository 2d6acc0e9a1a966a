/// Renders a `Comparison` for people and machines: a terminal table, JSON, Markdown for pull
/// requests and job summaries, JUnit XML for CI test views. Rendering only: every number and
/// verdict comes from the comparison, none is worked out here.
public enum ComparisonReport {}
