"""The response of hello-python. app.py runs this file again whenever its content changes, so a file synced by
`trestle dev` is served at once, without restarting the container."""
import os


def respond(path):
    """The body of a response to GET `path`."""
    del path  # every path gets the greeting
    return os.environ.get("GREETING", "Hello from hello-python") + "\n"
