#!/usr/bin/python3
"""Checks that Debian's pywinrm (python3-winrm 0.3.0) gets well-formed answers from one simulated host.

Usage: pywinrm_check.py ENDPOINT USER HOSTNAME [ntlm|basic]
ntlm (the default): a stock host, reached with NTLM and message encryption ('always'); it must also refuse plain
SOAP after an NTLM logon (message_encryption='never') and Basic. basic: a legacy host with Basic over HTTP allowed
(cmd.exe checks only). The password is read from the environment variable WSUS_LAB_PASSWORD and never printed.
NTLM needs MD4: run with OPENSSL_CONF pointing at openssl-legacy.cnf (next to this file) on OpenSSL 3.
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
    mode = sys.argv[4] if len(sys.argv) > 4 else "ntlm"
    password = os.environ["WSUS_LAB_PASSWORD"]

    def session_for(secret, transport=("ntlm" if mode == "ntlm" else "plaintext"), encryption="always"):
        options = {"message_encryption": encryption} if transport == "ntlm" else {}
        return winrm.Session(endpoint, auth=(user, secret), transport=transport,
                             read_timeout_sec=10, operation_timeout_sec=5, **options)

    session = session_for(password)
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

    if mode == "basic":
        return finish(failures, check, session_for, password)

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

    r = session_for(password, encryption="auto").run_cmd("hostname")
    check("ntlm, encryption auto", r.status_code == 0 and r.std_out == (hostname + "\r\n").encode("ascii"), repr(r.std_out))

    refused(check, "plain SOAP after NTLM refused", lambda: session_for(password, encryption="never").run_cmd("hostname"))
    refused(check, "basic refused (basic is off)", lambda: session_for(password, transport="plaintext").run_cmd("hostname"))
    return finish(failures, check, session_for, password)


def refused(check, name, attempt):
    try:
        attempt()
        check(name, False, "no error raised")
    except InvalidCredentialsError:
        check(name, True, "")


def finish(failures, check, session_for, password):
    refused(check, "wrong password rejected", lambda: session_for(password + "-wrong").run_cmd("hostname"))
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
