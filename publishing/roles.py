"""The editorial roles and the approval workflow; created by migrations/0001_roles_and_workflow.py."""

EDITORS = "Redacteuren"
FINAL_EDITORS = "Eindredacteuren"
WORKFLOW_NAME = "Redactionele goedkeuring"
TASK_NAME = "Goedkeuring door eindredactie"
