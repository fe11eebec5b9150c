#!/usr/bin/env python3
"""Vendors vis-network 9.1.2 for `guanxi serve` from PyPI's pyvis wheel.

usage: scripts/fetch_vis_network.py

Downloads pyvis 0.3.2 (no dependencies) with pip, takes
pyvis/lib/vis-9.1.2/vis-network.min.js out of it, checks its version banner and its
SHA-256 against the pinned one in vis-network.sha256 beside it, and writes it to
Sources/GuanxiServe/Site. Only PyPI is needed (no npm). To move to another
version, delete vis-network.sha256 on purpose and re-run.
"""
import glob
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "..", "Sources", "GuanxiServe", "Site")
MEMBER = "pyvis/lib/vis-9.1.2/vis-network.min.js"


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "pyvis==0.3.2", "-d", tmp], check=True)
        wheel = glob.glob(os.path.join(tmp, "pyvis-0.3.2-*.whl"))[0]
        data = zipfile.ZipFile(wheel).read(MEMBER)
    text = data.decode("utf-8")
    if "@version 9.1.2" not in text[:400]:
        sys.exit("vis-network.min.js in the wheel is not version 9.1.2")
    digest = hashlib.sha256(data).hexdigest()
    pinned = open(os.path.join(TARGET, "vis-network.sha256")).read().split()[0] if os.path.exists(os.path.join(TARGET, "vis-network.sha256")) else None
    if pinned and pinned != digest:
        sys.exit(f"SHA-256 {digest} differs from the pinned {pinned}: check the new file, then update vis-network.sha256")
    os.makedirs(TARGET, exist_ok=True)
    with open(os.path.join(TARGET, "vis-network.min.js"), "wb") as f:
        f.write(data)
    with open(os.path.join(TARGET, "vis-network.sha256"), "w") as f:
        f.write(f"{digest}  vis-network.min.js (vis-network 9.1.2, from the pyvis 0.3.2 wheel on PyPI)\n")
    print(f"vis-network 9.1.2: {len(data)} bytes, sha256 {digest}; now run scripts/embed_site.py")


if __name__ == "__main__":
    main()
