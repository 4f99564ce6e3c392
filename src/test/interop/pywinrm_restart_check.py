#!/usr/bin/python3
"""Drives one simulated host's restart with Debian's pywinrm (python3-winrm 0.3.0), NTLM with message encryption.

Usage: pywinrm_restart_check.py ENDPOINT USER read|restart
read: prints the host's restart facts as the cmd.exe probe reads them, one per line:
  boot=<Win32_OperatingSystem.LastBootUpTime from wmic>  rebootRequired=present|absent
restart: runs shutdown /r /t 1 /c "..." (what the product sends) and prints its exit code as restart=<code>.
The password is read from WSUS_LAB_PASSWORD and never printed. NTLM needs MD4: run with OPENSSL_CONF pointing at
openssl-legacy.cnf on OpenSSL 3. Exit code 0 when the host answered; 1 otherwise; 2 when pywinrm is missing.
"""
import os
import sys

try:
    import winrm
except ImportError as e:  # the JUnit test treats this as "tool absent"
    print("pywinrm not installed: %s" % e, file=sys.stderr)
    sys.exit(2)

REBOOT_REQUIRED = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired"


def main():
    endpoint, user, what = sys.argv[1:4]
    session = winrm.Session(endpoint, auth=(user, os.environ["WSUS_LAB_PASSWORD"]), transport="ntlm",
                            message_encryption="always", read_timeout_sec=10, operation_timeout_sec=5)
    if what == "restart":
        r = session.run_cmd("shutdown", ["/r", "/t", "1", "/c", '"wsus-remediator: restart after KB954960"'])
        print("restart=%d" % r.status_code)
        return 0
    r = session.run_cmd("wmic", ["os", "get", "LastBootUpTime", "/value", "<nul"])
    boot = [line.split("=", 1)[1] for line in r.std_out.decode("ascii").splitlines() if line.startswith("LastBootUpTime=")]
    print("boot=%s" % (boot[0].strip() if boot else "?"))
    r = session.run_cmd("reg", ["query", '"%s"' % REBOOT_REQUIRED])
    print("rebootRequired=%s" % ("present" if r.status_code == 0 else "absent"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
