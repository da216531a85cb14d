"""Starting metal-sandbox for a test: on a free port, with the first read-write key it prints."""
import subprocess


def start_sandbox(binary, *extra):
    """Returns (process, read-write key, base URL). `extra`: more sandbox options."""
    process = subprocess.Popen([binary, "--listen", "127.0.0.1:0", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    key, url = None, None
    for line in process.stdout:
        if line.startswith("key ") and "role=read-write" in line and key is None:
            key = line.split()[1]
        if line.startswith("listening on "):
            url = line.split()[-1]
            break
    return process, key, url
