"""Fetch and verify the vendored front-end assets served from our own static files.

Staff terminals must never call a CDN, so Bootstrap is copied into
``static/vendor/bootstrap/``. This script downloads the pinned npm tarball,
checks its sha512 integrity against the value hard-coded below (as published in
the npm registry's ``dist.integrity``), and extracts only the listed files.
Nothing is written if the check fails. It is safe to run again.

Run from the project root:

    .venv/bin/python scripts/fetch_vendor.py
"""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = ROOT / "static" / "vendor"

PACKAGES = [
    {
        "name": "bootstrap",
        "version": "5.3.8",
        "integrity": "sha512-HP1SZDqaLDPwsNiqRqi5NcP0SSXciX2s9E+RyqJIIqGo+vJeN5AJVM98CXmW/Wux0nQ5L7jeWUdplCEf0Ee+tg==",
        # tarball member (under package/) -> path inside static/vendor/<name>/
        "files": {
            "dist/css/bootstrap.min.css": "css/bootstrap.min.css",
            "dist/css/bootstrap.min.css.map": "css/bootstrap.min.css.map",
            "dist/js/bootstrap.bundle.min.js": "js/bootstrap.bundle.min.js",
            "dist/js/bootstrap.bundle.min.js.map": "js/bootstrap.bundle.min.js.map",
            "LICENSE": "LICENSE",
        },
    },
]


def tarball_url(name: str, version: str) -> str:
    return f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz"


def sri_sha512(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch(pkg: dict) -> None:
    url = tarball_url(pkg["name"], pkg["version"])
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()

    actual = sri_sha512(data)
    if actual != pkg["integrity"]:
        sys.exit(
            f"ERROR: integrity mismatch for {url}\n"
            f"  expected {pkg['integrity']}\n"
            f"  got      {actual}\n"
            "Nothing was written."
        )

    # Read every wanted member into memory first, so a missing one writes nothing.
    contents = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member_name, target in pkg["files"].items():
            member = tar.getmember(f"package/{member_name}")
            if not member.isfile():
                sys.exit(f"ERROR: package/{member_name} is not a regular file")
            contents[target] = tar.extractfile(member).read()

    dest = VENDOR_DIR / pkg["name"]
    contents["VERSION"] = f"{pkg['name']} {pkg['version']}\n{pkg['integrity']}\n".encode()
    for target, blob in contents.items():
        path = dest / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
        print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    for pkg in PACKAGES:
        fetch(pkg)


if __name__ == "__main__":
    main()
