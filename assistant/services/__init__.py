"""Workflows shared by the CLI and the web app, one module per workflow.

Conventions (every service module follows them):
- a function (or small class) per workflow, e.g. `services.fill.fill(settings, FillRequest)`;
- it takes the `Settings` object and typed inputs, returns a typed result (findings,
  written paths, summaries as dataclasses or pydantic models);
- it raises only `NianbaoError` (Chinese message naming the file, row, cell or field);
- it prints nothing: the CLI prints the result, the web app serialises it.

Nothing is re-exported here, so importing one service never pays for another's imports.
"""
