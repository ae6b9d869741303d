"""Runs a Python script and restarts it whenever a .py file under the working directory changes."""
import os
import subprocess
import sys
import time


def snapshot():
    stamps = {}
    for root, _, files in os.walk("."):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(root, name)
                try:
                    stamps[path] = os.stat(path).st_mtime_ns
                except OSError:
                    pass
    return stamps


def main():
    args = [sys.executable] + sys.argv[1:]
    child = subprocess.Popen(args)
    seen = snapshot()
    try:
        while True:
            time.sleep(0.5)
            now = snapshot()
            if now != seen:
                seen = now
                print("reloader: sources changed, restarting", flush=True)
                child.terminate()
                child.wait()
                child = subprocess.Popen(args)
    except KeyboardInterrupt:
        child.terminate()


if __name__ == "__main__":
    main()
