"""Start and stop the real OpenID Connect provider of e2e/oidc_provider.mjs (npm's oidc-provider) for a test."""

import json
import os
import shutil
import socket
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
ROOT = SCRIPT.parent.parent
CLIENT_ID = "rummelig-test"
CLIENT_SECRET = "rummelig-test-secret-only-for-tests"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def oidc_provider(redirect_uri, users, timeout=30, post_logout_redirect_uri=None):
    """Run the provider with one client (CLIENT_ID) allowed to return to redirect_uri; yield its issuer URL.

    post_logout_redirect_uri: where the provider may send the browser after ending its session at logout.
    """
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").exists():
        raise RuntimeError("node and the npm package oidc-provider are needed: run `make static` (npm ci)")
    port = free_port()
    env = {**os.environ, "PORT": str(port), "OIDC_TEST_CONFIG": json.dumps({
        "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [redirect_uri], "users": users,
        "post_logout_redirect_uris": [post_logout_redirect_uri] if post_logout_redirect_uri else [],
    })}
    process = subprocess.Popen([node, str(SCRIPT)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = threading.Event()
    output = []

    def read():
        for line in process.stdout:
            output.append(line)
            if line.startswith("READY "):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(timeout):
            raise RuntimeError("the OIDC provider did not start:\n" + "".join(output))
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
