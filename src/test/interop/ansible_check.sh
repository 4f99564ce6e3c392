#!/bin/sh
# Checks Debian's Ansible (ansible-core 2.14, connection winrm over pywinrm) against one simulated PowerShell 2.0
# host: `-m raw -a hostname` waits on PowerShell's stdin (Ansible closes none for raw), and a module (win_ping),
# whose payload Ansible sends over stdin and closes, fails the way it does on PowerShell 2.0.
#
# Usage: ansible_check.sh ADDRESS PORT HOSTNAME USER [ntlm|basic]
# ntlm (the default): ansible_winrm_transport=ntlm with ansible_winrm_message_encryption=always, as a stock host
# needs; basic: a legacy host that allows Basic over HTTP. NTLM needs MD4: on OpenSSL 3 run with OPENSSL_CONF
# pointing at openssl-legacy.cnf next to this file.
# The password is read from WSUS_LAB_PASSWORD by the inventory (never written to disk or printed).
# Exit code 0 when both checks pass, 1 otherwise, 2 when ansible is not installed.
set -u
address=$1 port=$2 hostname=$3 user=$4 transport=${5:-ntlm}
case $transport in
  ntlm) encryption=always ;;
  basic) encryption=never ;;
  *) echo "transport must be ntlm or basic" >&2; exit 1 ;;
esac
command -v ansible >/dev/null 2>&1 || { echo "ansible not installed" >&2; exit 2; }
[ -n "${WSUS_LAB_PASSWORD:-}" ] || { echo "WSUS_LAB_PASSWORD is not set" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/inventory.yml" <<INVENTORY
all:
  hosts:
    $hostname:
      ansible_host: $address
      ansible_port: $port
      ansible_connection: winrm
      ansible_winrm_transport: $transport
      ansible_winrm_message_encryption: $encryption
      ansible_winrm_scheme: http
      ansible_winrm_server_cert_validation: ignore
      ansible_winrm_operation_timeout_sec: 10
      ansible_winrm_read_timeout_sec: 15
      ansible_user: '$user'
      ansible_password: "{{ lookup('env', 'WSUS_LAB_PASSWORD') }}"
INVENTORY

# Ansible refuses to start without a UTF-8 locale; keep its temp files out of $HOME, and run from the temp dir
# so that no ansible.cfg of the current directory applies.
cd "$work"
export LC_ALL=C.UTF-8 ANSIBLE_LOCAL_TEMP="$work/tmp" ANSIBLE_NOCOLOR=1 \
       ANSIBLE_HOME="$work/home" ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3
failed=0

# raw: Ansible wraps the command in `PowerShell -EncodedCommand` and, having no input for it, sends no stdin end;
# PowerShell 2.0 waits on its stdin after the script (docs/simulator-legacy-windows.md section 1), so the task runs
# until Ansible's task timeout ends it
out=$(ANSIBLE_TASK_TIMEOUT=15 ansible all -i "$work/inventory.yml" -m raw -a hostname 2>&1)
echo "$out"
if printf '%s\n' "$out" | grep -q "The raw action failed to execute in the expected time frame (15)"; then
    echo "ansible raw waits on PowerShell 2.0's stdin: ok"
else
    echo "ansible raw: FAILED (expected it to wait on stdin until the task timeout)" >&2; failed=1
fi

out=$(ansible all -i "$work/inventory.yml" -m win_ping 2>&1)
echo "$out"
if printf '%s\n' "$out" | grep -q "Ansible requires PowerShell v3.0 or newer"; then
    echo "ansible win_ping refused like PowerShell 2.0: ok"
else
    echo "ansible win_ping: FAILED" >&2; failed=1
fi
exit $failed
