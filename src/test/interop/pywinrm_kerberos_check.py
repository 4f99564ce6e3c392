#!/usr/bin/python3
"""Checks that Debian's pywinrm (python3-winrm 0.3.0) with transport='kerberos' (requests-kerberos, pykerberos)
runs commands on a simulated Kerberos host, and that the host refuses a ticket made for another host.

Usage: pywinrm_kerberos_check.py ENDPOINT HOSTNAME PRINCIPAL OTHER_HOSTNAME [CA_FILE]
With an https ENDPOINT, CA_FILE is the lab CA's certificate (PEM) the host's certificate is checked against.
ENDPOINT uses the host's address (Python resolves names through the system, which does not know the simulated
hosts); HOSTNAME is the name its service principal HTTP/HOSTNAME is registered for (kerberos_hostname_override).
The ticket cache (KRB5CCNAME) must already hold PRINCIPAL's ticket-granting ticket (kinit) and KRB5_CONFIG name
the lab KDC's configuration: pywinrm's Kerberos never sees a password.
Exit code 0 when every check passed; 1 with the failures on stderr otherwise; 2 when a module is missing.
"""
import base64
import sys

try:
    import kerberos
    import requests
    import winrm
except ImportError as e:  # the JUnit test treats this as "tool absent"
    print("pywinrm/requests-kerberos not installed: %s" % e, file=sys.stderr)
    sys.exit(2)


def main():
    endpoint, hostname, principal, other = sys.argv[1:5]
    ca = sys.argv[5] if len(sys.argv) > 5 else None
    tls = dict(server_cert_validation="validate", ca_trust_path=ca) if ca else {}
    failures = []

    def check(name, condition, detail):
        print("%-36s %s" % (name, "ok" if condition else "FAILED"))
        if not condition:
            failures.append("%s: %s" % (name, detail))

    protocol = winrm.protocol.Protocol(endpoint=endpoint, transport="kerberos", username=principal,
                                       kerberos_hostname_override=hostname, message_encryption="auto",
                                       read_timeout_sec=10, operation_timeout_sec=5, **tls)
    shell = protocol.open_shell()
    for command_line in ("hostname", "whoami"):
        command = protocol.run_command(shell, command_line)
        out, err, code = protocol.get_command_output(shell, command)
        protocol.cleanup_command(shell, command)
        check("kerberos run_cmd " + command_line, code == 0 and err == b"", "exit %s, err %r" % (code, err))
        print("%s: %s" % (command_line, out.decode("ascii", "replace").strip()))
    protocol.close_shell(shell)
    # What pywinrm 0.3.0 did about message encryption with this pykerberos (printed for the test's record).
    print("message encryption: %s" % ("on" if protocol.transport.encryption is not None else "off"))

    # A valid ticket, but for another host's service principal: this host must not accept it.
    result, context = kerberos.authGSSClientInit("HTTP@" + other, gssflags=kerberos.GSS_C_MUTUAL_FLAG)
    kerberos.authGSSClientStep(context, "")
    token = kerberos.authGSSClientResponse(context)
    r = requests.post(endpoint, data=b"<s:Envelope/>", timeout=10, verify=ca if ca else True,
                      headers={"Authorization": "Negotiate " + token,
                               "Content-Type": "application/soap+xml;charset=UTF-8"})
    challenges = r.headers.get("WWW-Authenticate", "")
    check("ticket for another host refused", r.status_code == 401 and "Kerberos" in challenges,
          "status %s, challenges %r" % (r.status_code, challenges))

    if failures:
        for f in failures:
            print(f, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
