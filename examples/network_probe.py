"""Tries the network: without --network only the loopback interface exists."""
import os
import socket
import sys

print("interfaces:", sorted(os.listdir("/sys/class/net")))
host, port = (sys.argv[1], int(sys.argv[2])) if len(sys.argv) > 2 else ("127.0.0.1", 8000)
try:
    socket.create_connection((host, port), timeout=3).close()
    print(f"reached {host}:{port}")
except OSError as error:
    print(f"could not reach {host}:{port}: {type(error).__name__}")
