#!/usr/bin/python3
"""Checks that Debian's pywinrm (python3-winrm 0.3.0) gets well-formed answers from one simulated host.

Usage: pywinrm_check.py ENDPOINT USER HOSTNAME
The password is read from the environment variable WSUS_LAB_PASSWORD and never printed.
Exit code 0 when every check passed; 1 with the failures on stderr otherwise; 2 when pywinrm is missing.
"""
import base64
import os
import sys

try:
    import winrm
    from winrm.exceptions import InvalidCredentialsError
except ImportError as e:  # the JUnit test treats this as "tool absent"
    print("pywinrm not installed: %s" % e, file=sys.stderr)
    sys.exit(2)


def main():
    endpoint, user, hostname = sys.argv[1:4]
    password = os.environ["WSUS_LAB_PASSWORD"]
    session = winrm.Session(endpoint, auth=(user, password), transport="plaintext",
                            read_timeout_sec=10, operation_timeout_sec=5)
    failures = []

    def check(name, condition, detail):
        print("%-28s %s" % (name, "ok" if condition else "FAILED"))
        if not condition:
            failures.append("%s: %s" % (name, detail))

    r = session.run_cmd("ipconfig", ["/all"])
    out = r.std_out.decode("ascii")
    check("run_cmd ipconfig /all", r.status_code == 0 and "Windows IP Configuration" in out
          and ("Host Name . . . . . . . . . . . . : " + hostname) in out and r.std_err == b"", repr(r.std_out[:200]))

    r = session.run_cmd("hostname")
    check("run_cmd hostname", r.status_code == 0 and r.std_out == (hostname + "\r\n").encode("ascii"), repr(r.std_out))

    r = session.run_cmd("frobnicate", ["--now"])
    check("run_cmd unknown command", r.status_code == 1 and r.std_out == b""
          and r.std_err == b"'frobnicate' is not recognized as an internal or external command,\r\n"
                           b"operable program or batch file.\r\n", repr((r.status_code, r.std_err)))

    # run_ps's command line, with stdin closed: pywinrm 0.3.0's run_ps itself never closes stdin, and PowerShell 2.0
    # waits on it for good (StackStorm/st2#1695); the script must not produce stderr: pywinrm 0.3.0 crashes on
    # Python 3 cleaning non-empty stderr
    script = "Write-Output 'pywinrm ok'\n$PSVersionTable.PSVersion.Major\nhostname"
    encoded = base64.b64encode(script.encode("utf_16_le")).decode("ascii")
    r = session.run_cmd("powershell", ["-InputFormat", "None", "-encodedcommand", encoded])
    check("run_ps simple script", r.status_code == 0
          and r.std_out == ("pywinrm ok\r\n2\r\n%s\r\n" % hostname).encode("ascii"), repr((r.status_code, r.std_out)))

    try:
        winrm.Session(endpoint, auth=(user, password + "-wrong"), transport="plaintext",
                      read_timeout_sec=10, operation_timeout_sec=5).run_cmd("hostname")
        check("wrong password rejected", False, "no error raised")
    except InvalidCredentialsError:
        check("wrong password rejected", True, "")

    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
