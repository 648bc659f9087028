"""A separate process for the concurrency tests (run as a script, reads commands on stdin).

race:   for each line "SUGGESTION BASE START_AT": wait until the wall clock START_AT, accept
        the suggestion as based on revision BASE, print one JSON line with the outcome.
churn:  for each line "DELAY": fork a child that suggests and accepts on one section in a
        loop; kill -9 it after DELAY seconds; print "killed N" (N = accepts it reported).
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    from assistant.errors import NianbaoError
    from assistant.services import workspace_review as rv
    from assistant.settings import Settings
    from assistant.validate import all_rules

    all_rules()  # load the rules before the race, so both sides start equal
    settings = Settings()
    mode, user, ref = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "race":
        print("ready", flush=True)
        for line in sys.stdin:
            suggestion, base, start_at = line.split()
            time.sleep(max(0.0, float(start_at) - time.time()))
            try:
                result = rv.accept(settings, user, int(suggestion), base=int(base))
                out = {"ok": True, "revision": result.revision, "text": result.text, "seconds": result.seconds}
            except NianbaoError as error:
                out = {"ok": False, "status": error.status, "message": error.message,
                       "current_text": getattr(error, "current_text", None)}
            print(json.dumps(out, ensure_ascii=False), flush=True)
    elif mode == "churn":
        import os
        import signal

        from assistant.services import workspace as ws
        from assistant.services import workspace_reports as reports

        reports.check(settings, user, ref)  # load the driver, compile the validator's patterns once, here
        ws.close_stores()  # and fork with no connection open
        print("ready", flush=True)
        for line in sys.stdin:
            read, write = os.pipe()
            child = os.fork()
            if child == 0:  # a fresh store in the child: nothing of the parent's is shared
                os.close(read)
                _churn(settings, user, ref, write)
            os.close(write)
            time.sleep(float(line))
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            with os.fdopen(read, "rb") as pipe:
                done = pipe.read().count(b".")
            print(f"killed {done}", flush=True)


def _churn(settings, user: str, ref: str, progress: int) -> None:
    import os
    import traceback

    from assistant.errors import NianbaoError
    from assistant.services import workspace_reports as reports
    from assistant.services import workspace_review as rv

    try:
        n = 0
        while True:
            n += 1
            section = next(s for s in reports.show(settings, user, ref).sections if s.key == "overview")
            sug = rv.suggest(settings, user, ref, "overview", f"第{n}次修改。", start=0, end=min(3, len(section.text)))
            try:
                rv.accept(settings, user, sug.id, base=sug.anchor_revision)
                os.write(progress, b".")
            except NianbaoError:
                pass
    except BaseException:
        traceback.print_exc()
        os._exit(1)

if __name__ == "__main__":
    main()
