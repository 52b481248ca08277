#!/usr/bin/env bash
# ceph-rgw-stop.sh CEPH_DIR -- stops the daemons ceph-rgw-start.sh started (by their pid
# files: radosgw, the OSD, the monitor; SIGKILL after 1 s: the data is throwaway) and removes the directory.
set -u
C=${1:?usage: ceph-rgw-stop.sh CEPH_DIR}
case "$C" in /tmp/cephtest.*) ;; *) echo "ceph-rgw-stop.sh: $C is not a ceph-rgw-start.sh directory" >&2; exit 1 ;; esac
for f in "$C"/run/client.rgw.a.pid "$C"/run/osd.*.pid "$C"/run/mon.a.pid; do
  [ -f "$f" ] || continue
  p=$(cat "$f")
  kill "$p" 2>/dev/null || continue
  for _ in $(seq 1 10); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null
done
rm -rf "$C"
