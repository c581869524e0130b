"""The PostgreSQL that `make soak` stops and starts: a throw-away cluster of its own (initdb in
a temporary directory, a free port of 127.0.0.1, trust authentication for local connections
only), so the restart never touches a server anyone else uses. It needs PostgreSQL's server
binaries only (Debian's postgresql package: /usr/lib/postgresql/<version>/bin), found with
pg_config or there; run as root, they run as the `postgres` user, as PostgreSQL insists.
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


def binaries(given: str = "") -> Path:
    """The folder of initdb and pg_ctl: `given`, else pg_config's, else the newest Debian one."""
    candidates = [given] if given else []
    if pg_config := shutil.which("pg_config"):
        candidates.append(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]), reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise SystemExit("make soak needs PostgreSQL's server binaries (initdb, pg_ctl): apt-get install postgresql, "
                     "or give their folder with --pg-bin.")


class Cluster:
    """initdb'd on `create()`, started and stopped at will, removed by `drop()`."""

    def __init__(self, port: int, bin_dir: Path):
        self.port, self.bin = port, bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="servicedesk-soak-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        # PostgreSQL refuses to run as root: as root, its files and processes are the postgres user's.
        self.user = "postgres" if os.geteuid() == 0 else ""

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/servicedesk_soak"

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return subprocess.run([*prefix, *command], check=check, capture_output=True, text=True, cwd=self.root)

    def create(self) -> None:
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--no-sync")
        settings = (f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.root}'\n"
                    "max_connections = 60\nfsync = on\nshared_buffers = 128MB\n")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(settings)

    def start(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self) -> None:
        """A fast shutdown, as a restart does: open connections are cut, transactions rolled back."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def running(self) -> bool:
        return self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "status", check=False).returncode == 0

    def drop(self) -> None:
        if self.data.exists() and self.running():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)
