#!/usr/bin/python3
"""Checks the simulator's HTTPS listeners with Debian's pywinrm (python3-winrm 0.3.0, on requests/urllib3/OpenSSL).

Usage: pywinrm_https_check.py CA_PEM USER HOSTNAME OK_ENDPOINT WRONG_NAME_ENDPOINT SELF_SIGNED_ENDPOINT EXPIRED_ENDPOINT
The password is read from the environment variable WSUS_LAB_PASSWORD and never printed.
Exit code 0 when every check passed; 1 with the failures on stderr otherwise; 2 when pywinrm is missing.
"""
import os
import sys

try:
    import winrm
    from requests.exceptions import SSLError
except ImportError as e:  # the JUnit test treats this as "tool absent"
    print("pywinrm not installed: %s" % e, file=sys.stderr)
    sys.exit(2)


def main():
    ca_pem, user, hostname, ok, wrong, self_signed, expired = sys.argv[1:8]
    password = os.environ["WSUS_LAB_PASSWORD"]
    failures = []

    def check(name, condition, detail):
        print("%-44s %s" % (name, "ok" if condition else "FAILED"))
        if not condition:
            failures.append("%s: %s" % (name, detail))

    def session(endpoint, transport, ca=ca_pem):
        return winrm.Session(endpoint, auth=(user, password), transport=transport,
                             server_cert_validation="validate", ca_trust_path=ca,
                             read_timeout_sec=10, operation_timeout_sec=5)

    def refused(endpoint, transport, ca=ca_pem):
        try:
            r = session(endpoint, transport, ca).run_cmd("hostname")
            return "not refused: exit %s" % r.status_code
        except SSLError as e:
            return "SSLError: %s" % e

    for transport in ("basic", "ssl"):
        r = session(ok, transport).run_cmd("hostname")
        check("%s: lab-CA host, hostname" % transport, r.status_code == 0
              and r.std_out == (hostname + "\r\n").encode("ascii"), repr((r.status_code, r.std_out)))

        why = refused(wrong, transport)
        check("%s: wrong-name host refused" % transport, why.startswith("SSLError")
              and ("match" in why or "mismatch" in why), why)
        print("    " + why[:200])

    why = refused(self_signed, "ssl")
    check("ssl: self-signed host refused", why.startswith("SSLError") and "verify failed" in why, why)
    print("    " + why[:200])
    why = refused(expired, "ssl")
    check("ssl: expired host refused", why.startswith("SSLError") and "expired" in why, why)
    print("    " + why[:200])
    # Without the lab CA, the system's trust store (ca-certificates) does not know it.
    why = refused(ok, "ssl", ca=None)
    check("ssl: lab-CA host refused without ca_trust_path", why.startswith("SSLError") and "verify failed" in why, why)

    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
