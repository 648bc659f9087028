"""The workspace: where an office keeps its reports, and where every change is reviewed.

- `db`: the engine (SQLite in NIANBAO_HOME by default, PostgreSQL by URL) and migrations;
- `models`: the tables (agency, user, report, cell, section, revision, suggestion,
  comment, audit log);
- `anchor` and `diff`: re-anchoring suggestions by their quoted text, character-level diff;
- `scope`: the acting user and the agencies he may see;
- `review`: the review rules (suggest, accept, edit, reject, status changes).

The CLI and the web app reach all of it through `assistant.services.workspace*`.
"""
