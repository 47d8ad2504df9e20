#!/bin/sh
# Start mosquitto with the derived SMWAN credentials. The credentials service wrote them as plain
# text (smetsim mosquitto-passwords); mosquitto 2 reads only hashed files, and warns about files
# it does not own, so hash a private copy, owned by mosquitto, on every start.
set -eu
install -m 0700 -o mosquitto -g mosquitto /broker/passwords.txt /mosquitto/data/passwords
install -m 0700 -o mosquitto -g mosquitto /smetsim/acl /mosquitto/data/acl
mosquitto_passwd -U /mosquitto/data/passwords
exec mosquitto -c /smetsim/mosquitto.conf
