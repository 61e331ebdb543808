#!/usr/bin/env python3
"""Run a command whose standard output is a pipe nobody reads any more.

Usage: closed_pipe.py -- command args...

The read end is closed before the command starts, so its first write of
standard output fails (EPIPE, or SIGPIPE if it does not handle it), as with
`command | head -0` but without a race. Exits with the command's exit code
(128 + the signal when a signal killed it).
"""
import os
import subprocess
import sys

command = sys.argv[1:]
if command[:1] == ["--"]:
    command = command[1:]
read_end, write_end = os.pipe()
os.close(read_end)
code = subprocess.call(command, stdout=write_end)
sys.exit(128 - code if code < 0 else code)
