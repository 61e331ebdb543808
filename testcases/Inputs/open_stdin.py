#!/usr/bin/env python3
"""Run a command whose standard input is a pipe that never closes.

Usage: open_stdin.py -- command args...

The pipe's write end stays open (and empty) while the command runs, as with
`tail -f log | command`. Exits with the command's exit code, or 124 when it
has not ended within 120 s (it waited for input it should not read).
"""
import subprocess
import sys

command = sys.argv[1:]
if command[:1] == ["--"]:
    command = command[1:]
process = subprocess.Popen(command, stdin=subprocess.PIPE)
try:
    code = process.wait(timeout=120)
except subprocess.TimeoutExpired:
    process.kill()
    process.wait()
    sys.exit(124)
process.stdin.close()
sys.exit(128 - code if code < 0 else code)
