/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Orders and accounts of every workspace, in memory and optionally in a
 * JSON state file (saved atomically after every change). Records are
 * kept in creation order; lists show them newest first. */

typedef struct
{
  char     *id;                 /* internal UUID: the list cursor, not sent */
  char     *workspace_id;
  char     *domain;
  char     *forwarding_domain;  /* NULL: none */
  int       email_provider;
  gboolean  is_pre_warmed_up;
  gint64    created;            /* real time, µs, whole milliseconds */
  gint64    cancelled;          /* 0: active */
} MrSimOrderRecord;

typedef struct
{
  char     *id;
  char     *workspace_id;
  char     *domain;
  char     *email;
  int       email_provider;
  char     *first_name;
  char     *last_name;
  gboolean  is_pre_warmed_up;
  char     *password;
  gint64    created;
  gint64    cancelled;
} MrSimAccountRecord;

typedef struct
{
  GPtrArray *orders;            /* MrSimOrderRecord*, oldest first */
  GPtrArray *accounts;          /* MrSimAccountRecord*, oldest first */
  char      *path;              /* NULL: memory only */
} MrSimState;

MrSimState         *mr_sim_state_new              (void);
void                mr_sim_state_free             (MrSimState  *self);
/* Loads @path when it exists (replacing what is in memory), else writes it. */
gboolean            mr_sim_state_set_file         (MrSimState  *self,
                                                   const char  *path,
                                                   GError     **error);
/* Forgets every order and account (and saves the empty state). */
void                mr_sim_state_clear            (MrSimState  *self);
/* No-op without a file; warns on failure. */
void                mr_sim_state_save             (MrSimState  *self);

gint64              mr_sim_state_now              (void);
MrSimOrderRecord   *mr_sim_state_add_order        (MrSimState  *self,
                                                   const char  *workspace_id,
                                                   const char  *domain,
                                                   const char  *forwarding_domain,
                                                   int          email_provider,
                                                   gboolean     is_pre_warmed_up,
                                                   gint64       now);
MrSimAccountRecord *mr_sim_state_add_account      (MrSimState  *self,
                                                   const char  *workspace_id,
                                                   const char  *domain,
                                                   const char  *prefix,
                                                   const char  *first_name,
                                                   const char  *last_name,
                                                   int          email_provider,
                                                   gboolean     is_pre_warmed_up,
                                                   gint64       now);
/* In any workspace (a registered domain is taken for everyone) */
gboolean            mr_sim_state_domain_is_ordered (MrSimState *self,
                                                   const char  *domain);
/* The newest active order of @domain by @workspace_id, or NULL */
MrSimOrderRecord   *mr_sim_state_find_order       (MrSimState  *self,
                                                   const char  *workspace_id,
                                                   const char  *domain);
MrSimAccountRecord *mr_sim_state_find_account     (MrSimState  *self,
                                                   const char  *workspace_id,
                                                   const char  *email);
/* Number of active accounts of @domain; @providers gets a bit per provider */
guint               mr_sim_state_count_accounts   (MrSimState  *self,
                                                   const char  *workspace_id,
                                                   const char  *domain,
                                                   guint       *providers);
/* Cancels the account; the domain's order too when it was the last
 * active account. */
void                mr_sim_state_cancel_account   (MrSimState         *self,
                                                   MrSimAccountRecord *account,
                                                   gint64              now);

/* One page, newest first. @starting_after: a cursor from a previous page or
 * NULL. Returns NULL (and sets @error) for a cursor that names nothing.
 * *@next is the cursor of the next page or NULL on the last one. */
GPtrArray          *mr_sim_state_list_orders      (MrSimState  *self,
                                                   const char  *workspace_id,
                                                   guint        limit,
                                                   const char  *starting_after,
                                                   char       **next,
                                                   GError     **error);
GPtrArray          *mr_sim_state_list_accounts    (MrSimState  *self,
                                                   const char  *workspace_id,
                                                   guint        limit,
                                                   const char  *starting_after,
                                                   char       **next,
                                                   GError     **error);

G_END_DECLS
