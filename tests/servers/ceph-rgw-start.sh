#!/usr/bin/env bash
# ceph-rgw-start.sh -- a throwaway single-node Ceph for S3 tests, in a new temp dir: one
# monitor, one memstore OSD (data in RAM, capped at 2 GiB), no mgr, cluster auth none, and
# radosgw (the Ceph RADOS Gateway, a real S3 implementation) on 127.0.0.1. The S3 layer
# checks SigV4 signatures, payload hashes, clock skew and multipart rules like AWS.
#
# Prints, for `eval "$(tests/servers/ceph-rgw-start.sh)"`:
#   CEPH_DIR=/tmp/cephtest.XXXXXX     the cluster's directory (give it to ceph-rgw-stop.sh)
#   S3_ENDPOINT=http://127.0.0.1:NNNN the gateway, path-style addressing
#   S3_KEY=TESTKEY                    access key id of the test user
#   S3_SECRET=TESTSECRET              its secret key
# SSE-KMS works with the key ids testkey-1 and testkey-2 (the "testing" KMS backend).
# Stop with: tests/servers/ceph-rgw-stop.sh "$CEPH_DIR"
#
# Env: S3_KEY / S3_SECRET override the user's keys; RGW_MIN_PART_SIZE lowers the
# multipart minimum part size (default 5 MiB, as on AWS); MEMSTORE_BYTES the RAM the OSD
# may hold (default 2 GiB). Ports are picked free.
# Needs the Debian packages radosgw ceph-mon ceph-osd (scripts/setup installs them).
# Adapted from the measured script in the project's test-server notes: msgr v1 only
# (monmaptool would record a v2 address for a non-default port and clients would hang),
# the OSD does not touch the CRUSH map itself (a start-up race gives 'wrong fsid'), and
# fast paxos timings bring the start to about 2 s.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
for bin in monmaptool ceph-mon ceph-osd radosgw radosgw-admin ceph; do
  command -v "$bin" >/dev/null || { echo "ceph-rgw-start.sh: $bin not found; run scripts/setup" >&2; exit 1; }
done
S3_KEY=${S3_KEY:-TESTKEY}
S3_SECRET=${S3_SECRET:-TESTSECRET}
C=$(mktemp -d /tmp/cephtest.XXXXXX)
MON_PORT=$("$HERE/free-port.sh")
KMS_KEY_1=$(head -c 32 /dev/urandom | base64 -w0)
KMS_KEY_2=$(head -c 32 /dev/urandom | base64 -w0)
RGW_PORT=$("$HERE/free-port.sh")
FSID=$(cat /proc/sys/kernel/random/uuid)
mkdir -p "$C"/{mon,osd,run,log}
cat >"$C/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
auth allow insecure global id reclaim = true
mon warn on insecure global id reclaim allowed = false
mon max pg per osd = 1000
osd objectstore = memstore
memstore device bytes = ${MEMSTORE_BYTES:-2147483648}
osd data = $C/osd/\$cluster-\$id
mon data = $C/mon/\$cluster-\$id
run dir = $C/run
admin socket = $C/run/\$name.asok
log file = $C/log/\$name.log
pid file = $C/run/\$name.pid
osd crush chooseleaf type = 0
osd class update on start = false
osd crush update on start = false
paxos propose interval = 0.01
paxos min wait = 0.001
mon osd prime pg temp = false
osd pool default pg num = 1
osd pool default pgp num = 1
osd heartbeat grace = 60
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw thread pool size = 32
rgw multipart min part size = ${RGW_MIN_PART_SIZE:-5242880}
# virtual-host addressing: bucket.localhost:PORT (curl resolves *.localhost to loopback)
rgw dns name = localhost
# SSE-KMS with Ceph's built-in "testing" key store (docs: radosgw/encryption): the keys
# testkey-1 and testkey-2 (throwaway, 256 bits each) encrypt objects that name them in
# x-amz-server-side-encryption-aws-kms-key-id; plain HTTP is allowed for these requests.
rgw crypt s3 kms backend = testing
rgw crypt s3 kms encryption keys = testkey-1=$KMS_KEY_1 testkey-2=$KMS_KEY_2
rgw crypt require ssl = false
CONF
CEPH=(ceph -c "$C/ceph.conf" --connect-timeout 20)
# ceph CMD... : a cluster command, tried up to 5 times: the monitor sometimes refuses a
# command right after start (mon log: "handle_command on fsid 0000... != <fsid>", client:
# "EPERM: problem getting command descriptions"). The commands used here are idempotent.
ceph_cmd() {
  local try
  for try in 1 2 3 4 5; do
    "${CEPH[@]}" "$@" 2>>"$C/log/start.log" && return 0
    sleep 0.3
  done
  return 1
}
# On failure: stop whatever started (by pid file), show the log, remove the dir.
on_exit() {
  local rc=$?
  [ "$rc" = 0 ] && return
  echo "ceph-rgw-start.sh failed (rc=$rc); last lines of its logs:" >&2
  tail -n 5 "$C"/log/*.log >&2 || true
  "$HERE/ceph-rgw-stop.sh" "$C" >/dev/null 2>&1 || true
}
trap on_exit EXIT
monmaptool --create --fsid "$FSID" --addv a "[v1:127.0.0.1:$MON_PORT]" "$C/monmap" >/dev/null
ceph-mon -c "$C/ceph.conf" --mkfs -i a --monmap "$C/monmap" >>"$C/log/start.log" 2>&1
ceph-mon -c "$C/ceph.conf" -i a >>"$C/log/start.log" 2>&1
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
OSD_ID=$(ceph_cmd osd new "$OSD_UUID")   # the same uuid gives the same id on a retry
mkdir -p "$C/osd/ceph-$OSD_ID"
ceph-osd -c "$C/ceph.conf" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" >>"$C/log/start.log" 2>&1
ceph_cmd osd crush add "osd.$OSD_ID" 1.0 root=default >/dev/null
for try in 1 2 3; do
  ceph-osd -c "$C/ceph.conf" -i "$OSD_ID" >>"$C/log/start.log" 2>&1 && break
  echo "ceph-osd start attempt $try failed" >>"$C/log/start.log"; sleep 1
done
up=""
for _ in $(seq 1 600); do
  if "${CEPH[@]}" osd stat 2>/dev/null | grep -q '1 up'; then up=yes; break; fi
  sleep 0.1
done
[ -n "$up" ] || { echo "ceph-rgw-start.sh: the OSD did not come up" >&2; exit 1; }
radosgw -c "$C/ceph.conf" -n client.rgw.a >>"$C/log/start.log" 2>&1
for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/"
for try in 1 2 3 4 5; do
  radosgw-admin -c "$C/ceph.conf" user create --uid=test --display-name=test \
    --access-key="$S3_KEY" --secret-key="$S3_SECRET" >/dev/null 2>>"$C/log/start.log" && break
  [ "$try" = 5 ] && { echo "ceph-rgw-start.sh: cannot create the S3 user" >&2; exit 1; }
  sleep 0.3
done
echo "CEPH_DIR=$C"
echo "S3_ENDPOINT=http://127.0.0.1:$RGW_PORT"
echo "S3_KEY=$S3_KEY"
echo "S3_SECRET=$S3_SECRET"
