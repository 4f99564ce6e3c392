#!/usr/bin/python3
"""Debian's pywinrm (python3-winrm 0.3.0) against non-English and WinRM 1.1 simulated hosts.

Usage: pywinrm_locale_check.py JA_ENDPOINT DE_ENDPOINT WINRM11_ENDPOINT USER
The password is read from the environment variable WSUS_LAB_PASSWORD and never printed.
Checks that a shell's output comes in the code page its Create asked for (WINRS_CODEPAGE; pywinrm sends 437 unless
told otherwise), in the host's language, and that a WinRM 1.1 host refuses a third shell and a request over 150 KB.
Exit code 0 when every check passed; 1 with the failures on stderr otherwise; 2 when pywinrm is missing.
"""
import os
import sys

try:
    from winrm.protocol import Protocol
except ImportError as e:  # the JUnit test treats this as "tool absent"
    print("pywinrm not installed: %s" % e, file=sys.stderr)
    sys.exit(2)

failures = []


def check(name, condition, detail):
    print("%-40s %s" % (name, "ok" if condition else "FAILED"))
    if not condition:
        failures.append("%s: %s" % (name, detail))


def protocol(endpoint, user, password):
    return Protocol(endpoint, transport="plaintext", username=user, password=password,
                    read_timeout_sec=10, operation_timeout_sec=5)


def run(p, codepage, command, args):
    shell = p.open_shell(codepage=codepage)
    try:
        cid = p.run_command(shell, command, args)
        out, err, code = p.get_command_output(shell, cid)
        p.cleanup_command(shell, cid)
        return out, err, code
    finally:
        p.close_shell(shell)


def main():
    ja, de, winrm11, user = sys.argv[1:5]
    password = os.environ["WSUS_LAB_PASSWORD"]
    query = ["/query", "/fo", "csv", "/v"]

    p = protocol(ja, user, password)
    out, _, code = run(p, 932, "schtasks", query)
    check("ja-JP code page 932", code == 0 and u"\"前回の結果\"" in out.decode("cp932"), repr(out[:120]))
    out65001, _, _ = run(p, 65001, "schtasks", query)
    check("ja-JP code page 65001", out65001.decode("utf-8") == out.decode("cp932"), repr(out65001[:120]))
    out437, _, _ = run(p, 437, "schtasks", query)
    check("ja-JP code page 437: '?' only", out437.startswith(b'"????","????"') and max(out437) < 0x80, repr(out437[:120]))

    p = protocol(de, user, password)
    out, _, _ = run(p, 437, "schtasks", query)
    check("de-DE code page 437", u"\"Nächste Laufzeit\"" in out.decode("cp437"), repr(out[:120]))
    _, err, code = run(p, 850, "reg", ["query", "HKLM\\SOFTWARE\\Nothing"])
    check("de-DE reg not found", code == 1 and err.decode("cp850")
          == u"FEHLER: Der angegebene Registrierungsschlüssel bzw. Wert wurde nicht gefunden.\r\n", repr(err))

    p = protocol(winrm11, user, password)
    first, second = p.open_shell(), p.open_shell()
    try:
        p.open_shell()
        check("WinRM 1.1 third shell refused", False, "a third shell was opened")
    except Exception as e:  # pywinrm raises its WinRMError family with the fault text
        check("WinRM 1.1 third shell refused", "2150859173" in str(e) or "concurrent shells" in str(e), str(e)[:300])
    try:
        p.run_command(first, "echo", ["x" * (160 * 1024)])
        check("WinRM 1.1 envelope over 150 KB refused", False, "the request was taken")
    except Exception as e:
        check("WinRM 1.1 envelope over 150 KB refused", "2150859025" in str(e) or "MaxEnvelopeSize" in str(e), str(e)[:300])
    p.close_shell(first)
    p.close_shell(second)

    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
