# wsus-remediator health v1
$url = '{url}'
# Asks the client web service on the host itself and prints the HTTP status it answered with, 0 when no answer came
# (docs/remediation-protocol.md, section 3). No proxy: the request must reach this host's own IIS. PowerShell 1.0/2.0:
# trap, no try/catch; a WebException that carries a response (a 4xx or 5xx) gives its status.
$code = 0
$e = ''
trap {
  $x = $_.Exception
  while ($x.InnerException -ne $null -and -not ($x -is [Net.WebException])) { $x = $x.InnerException }
  if ($x -is [Net.WebException] -and $x.Response -ne $null) { $script:code = [int]$x.Response.StatusCode } else { $script:e = [string]$x.Message }
  continue
}
$ErrorActionPreference = 'Stop'
$r = [Net.WebRequest]::Create($url)
$r.Proxy = $null
$r.Timeout = 20000
$s = $r.GetResponse()
if ($s -ne $null) { $code = [int]$s.StatusCode; $s.Close() }
[Console]::Out.WriteLine('WSUSHEALTH 1')
[Console]::Out.WriteLine('health.http=' + $code)
[Console]::Out.WriteLine('health.error=' + ($e -replace '[^ -~]', '?'))
[Console]::Out.WriteLine('END')
exit 0
