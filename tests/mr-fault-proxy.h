/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A loopback TCP proxy for tests, in front of a server (the simulator):
 * it reads each HTTP/1.1 request whole, forwards it, reads the reply
 * whole and passes it back, unless a fault is armed for the next
 * request. It runs in its own threads with blocking sockets, so the
 * server may run in the test's main context. */

typedef enum
{
  MR_FAULT_PROXY_PASS,
  MR_FAULT_PROXY_DROP_BEFORE,     /* read the request, close: the server never sees it */
  MR_FAULT_PROXY_DROP_AFTER,      /* forward it, read the whole reply, close without
                                   * passing on a byte of it */
  MR_FAULT_PROXY_DROP_MID_REPLY,  /* forward it, pass on part of the reply, close */
} MrFaultProxyMode;

typedef struct _MrFaultProxy MrFaultProxy;

/* Listens on 127.0.0.1, any port, in front of @upstream_url ("http://HOST:PORT") */
MrFaultProxy *mr_fault_proxy_new          (const char        *upstream_url,
                                           GError           **error);
/* Stops listening; connections being served finish on their own */
void          mr_fault_proxy_free         (MrFaultProxy      *self);
/* "http://127.0.0.1:PORT" */
const char   *mr_fault_proxy_get_url      (MrFaultProxy      *self);
/* The fault for the next request to arrive (then PASS again). For
 * DROP_MID_REPLY, @cut picks how much of the reply gets through: cut
 * modulo its length, at least one byte and never all of it. */
void          mr_fault_proxy_arm          (MrFaultProxy      *self,
                                           MrFaultProxyMode   mode,
                                           gsize              cut);
/* TRUE once the armed fault was used */
gboolean      mr_fault_proxy_fault_used   (MrFaultProxy      *self);
/* Requests read, and requests the server answered (whether or not the
 * answer got through) */
guint         mr_fault_proxy_get_n_requests (MrFaultProxy    *self);
guint         mr_fault_proxy_get_n_answered (MrFaultProxy    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrFaultProxy, mr_fault_proxy_free)

G_END_DECLS
