#!/usr/bin/env bash
# free-port.sh -- prints a TCP port on 127.0.0.1 that was free a moment ago (the kernel's
# pick for port 0). A server started on it may still lose a race; start scripts retry.
set -euo pipefail
python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
