#!/usr/bin/env python3
"""Sends the same generated requests to two mailroom-sim binaries and compares
their replies (status and body, with ids and timestamps masked).

For changes to the simulator that must not change what it answers: build the
old one (for example a worktree of main) and the new one, then

    tools/sim-compare.py OLD/mailroom-sim NEW/mailroom-sim [COUNT [SEED]]

COUNT requests (default 3000) go to every body-taking endpoint, mostly
place-order bodies: valid ones, wrong types, missing members, truncated text.
Both servers see them in the same order, so placements change both states
alike. Exits 1 when a reply differs, and prints the first few.
"""

import json
import random
import re
import socket
import subprocess
import sys

domains = ["throughput-outreach-0001.com","acme-outreach.com","getacme.org","google.com","acme.com","gmail-team.com",
 "my-paypal.org","acme-growth.com","acme-reach.co","corelead-hq.org","  Example-Outreach.COM ","Bücher-Shop.com",
 "not a domain!","a.b","x.co","","   ","-bad.com","bad-.com","a..com","123.com","abc.c0m","abcd.com","dup.com","DUP.com",
 "shop.example","trailing.com.","tab\tname.com","quo\"te.com","x"*70+".com","tryacme.com","acmemail.com","mycompany-mail.com"]
prefixes = ["ada","Ada"," ada ","ADA","a..b",".a","a.",""," ","ok_name-1","grace.hopper","ünï","x\u0000y","sp ace","alan","edsger","z","a"*70]
names = ["Ada","Lovelace",""," ","\t","Ünïcode",'quo"te',"ctl\u0001x","Grace","😀","back\\slash","new\nline"]
scal = [None,True,False,0,1,2,3,4,-1,1.0,2.5,1e2,"1","",[],{},[1],{"a":1}]
def pick(l): return random.choice(l)
def account(clean, i):
    if not clean and random.random()<0.03: return pick(scal)
    a = {}
    for k in ["email_address_prefix","first_name","last_name"]:
        if not clean and random.random()<0.04: continue
        if not clean and random.random()<0.04: a[k]=pick(scal); continue
        if k=="email_address_prefix": a[k] = ["ada","alan","grace","edsger","barbara","ken"][i%6] if clean and random.random()<0.9 else pick(prefixes)
        else: a[k] = pick(names[:2]) if clean and random.random()<0.9 else pick(names)
    return a
def item(clean):
    if not clean and random.random()<0.03: return pick(scal)
    it = {}
    if clean or random.random()>0.04: it["domain"] = pick(domains[:3]+domains[30:]) if clean and random.random()<0.7 else pick(domains)
    if random.random()<0.7: it["email_provider"] = 1 if clean and random.random()<0.7 else pick([1,2,3,3,1.0,3.0,0,4,2.5,"2",None,True])
    if random.random()<(0.05 if clean else 0.25): it["forwarding_domain"] = pick(domains) if random.random()<0.8 else pick(scal)
    if random.random()<0.85:
        r=random.random()
        n = random.randint(1,5) if clean and random.random()<0.8 else (101 if r<0.03 else random.randint(45,59) if r<0.1 else random.randint(0,7))
        it["accounts"] = [account(clean,i) for i in range(n)] if clean or random.random()>0.04 else pick(scal)
    return it
def order():
    clean = random.random() < 0.5
    o = {}
    if clean or random.random() > 0.03:
        n = random.randint(5, 11) if random.random() < 0.05 else random.randint(1 if clean else 0, 2 if clean else 3)
        o["items"] = [item(clean) for _ in range(n)] if clean or random.random() > 0.03 else pick(scal)
    if clean or random.random() > 0.03:
        o["order_type"] = pick(["dfy", "dfy", "dfy", "pre_warmed_up", "extra_accounts", "bogus", 5, None])
    if random.random() < 0.85:
        o["simulation"] = pick([True, True, True, False] if clean else [True, True, True, False, "true", None, 1])
    return o


API = "/api/v2/dfy-email-account-orders"


def request():
    r = random.random()
    if r < 0.8:
        path, body = API, json.dumps(order(), ensure_ascii=random.random() < 0.5)
    elif r < 0.85:
        path = API + "/domains/similar"
        body = json.dumps({"domain": pick(domains), "tlds": [pick(["com", "org", "net", 1]) for _ in range(random.randint(0, 3))]})
    elif r < 0.9:
        path = API + "/domains/check"
        body = json.dumps({"domains": [pick(domains) for _ in range(random.randint(0, 6))]})
    elif r < 0.95:
        path = API + "/domains/pre-warmed-up-list"
        body = json.dumps({"extensions": [pick(["com", "org", "co"])], "search": pick(["acme", "", "x"])} if random.random() < 0.8 else pick(scal))
    else:
        path = API + "/accounts/cancel"
        body = json.dumps({"accounts": [pick(prefixes) + "@" + pick(domains) for _ in range(random.randint(0, 3))]})
    if random.random() < 0.03:
        body = body[:random.randint(0, len(body))]
    return path, body


def start(binary):
    p = subprocess.Popen([binary, "--rate-limit", "0", "--check-rate-limit", "0"], stdout=subprocess.PIPE, text=True)
    return p, int(re.search(r"http://[^:]+:(\d+)", p.stdout.readline()).group(1))


def send(port, path, body):
    data = body.encode("utf-8")
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer mailroom-demo-key\r\n"
               "Content-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
               % (path, len(data))).encode() + data)
    reply = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        reply += chunk
    s.close()
    head, _, body = reply.partition(b"\r\n\r\n")
    body = re.sub(rb'"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"', b'"ID"', body)
    body = re.sub(rb'"\d{4}-\d\d-\d\dT[0-9:.]*Z"', b'"TIME"', body)
    return head.split(b" ")[1], body


def main():
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 13)
    servers = [start(sys.argv[1]), start(sys.argv[2])]
    statuses, differences = {}, 0
    try:
        for _ in range(count):
            path, body = request()
            old, new = (send(port, path, body) for _, port in servers)
            statuses[old[0]] = statuses.get(old[0], 0) + 1
            if old != new:
                differences += 1
                if differences <= 3:
                    print("POST %s %s\n  old: %s\n  new: %s" % (path, body, old, new))
    finally:
        for p, _ in servers:
            p.kill()
    print("%d requests, statuses %s, %d differences" % (count, {k.decode(): v for k, v in statuses.items()}, differences))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
