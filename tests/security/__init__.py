"""Security and audit: who may write, what is recorded, and that no input crashes the tracker."""
