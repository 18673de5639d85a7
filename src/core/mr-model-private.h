/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <string.h>

#include <glib-object.h>

#include "mr-account.h"
#include "mr-order-item.h"

G_BEGIN_DECLS

/* What MrAccount, MrOrderItem and MrOrder share: string properties that
 * read NULL as "", and a GPtrArray of children, each telling its owners
 * when it changed, behind a GListModel. */

/* A string field is either the shared "" below (never freed) or its own
 * non-empty copy: a new mailbox has three names, and most objects are
 * made empty then filled, so "" costs no allocation. */
#define _MR_EMPTY_STRING ((char *) "")

/* NULL, "" or white space only: a name or domain not given */
static inline gboolean
_mr_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* @text without the white space g_strstrip() would drop */
static inline gboolean
_mr_text_is_trimmed (const char *text)
{
  gsize len = strlen (text);

  return len == 0 || (!g_ascii_isspace (text[0]) && !g_ascii_isspace (text[len - 1]));
}

static inline void
_mr_clear_string (char **field)
{
  if (*field != NULL && **field != '\0')
    g_free (*field);
  *field = NULL;
}

/* Stores @value (g_malloc'd, or NULL for "") in @field, which takes it */
static inline void
_mr_take_string (char **field,
                 char  *value)
{
  _mr_clear_string (field);
  if (value == NULL || *value == '\0')
    {
      g_free (value);
      value = _MR_EMPTY_STRING;
    }
  *field = value;
}

/* Stores @value (NULL as "") in @field; TRUE when it changed */
static inline gboolean
_mr_replace_string (char       **field,
                    const char  *value)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  _mr_clear_string (field);
  *field = *value != '\0' ? g_strdup (value) : _MR_EMPTY_STRING;

  return TRUE;
}

/* A setter's body: when the value changed, notify @pspec and return TRUE
 * (the caller then emits its "changed") */
static inline gboolean
_mr_set_string_property (gpointer     object,
                         char       **field,
                         const char  *value,
                         GParamSpec  *pspec)
{
  if (!_mr_replace_string (field, value))
    return FALSE;

  g_object_notify_by_pspec (G_OBJECT (object), pspec);

  return TRUE;
}

/* A child's owners: the parents holding it, told directly when it
 * changes, before its own "changed" is emitted. A signal handler per
 * child cost a closure, a handler lookup and its removal for each of
 * thousands of mailboxes; this is two pointers. Usually one owner;
 * a child held by several parents (or twice by one) tells each, in the
 * order they took it. */
typedef struct
{
  gpointer   first;
  GPtrArray *more;
} MrOwners;

typedef void (*MrOwnerChangedFunc) (gpointer owner);

static inline void
_mr_owners_add (MrOwners *owners,
                gpointer  owner)
{
  if (owners->first == NULL)
    {
      owners->first = owner;
      return;
    }

  if (owners->more == NULL)
    owners->more = g_ptr_array_new ();
  g_ptr_array_add (owners->more, owner);
}

/* Removes one occurrence of @owner */
static inline void
_mr_owners_remove (MrOwners *owners,
                   gpointer  owner)
{
  if (owners->first == owner)
    {
      owners->first = NULL;
      if (owners->more != NULL && owners->more->len > 0)
        {
          owners->first = g_ptr_array_index (owners->more, 0);
          g_ptr_array_remove_index (owners->more, 0);
        }
      return;
    }

  if (owners->more != NULL)
    g_ptr_array_remove (owners->more, owner);
}

static inline gboolean
_mr_owners_contains (MrOwners *owners,
                     gpointer  owner)
{
  guint index;

  return owners->first == owner ||
         (owners->more != NULL && g_ptr_array_find (owners->more, owner, &index));
}

static inline void
_mr_owners_clear (MrOwners *owners)
{
  owners->first = NULL;
  g_clear_pointer (&owners->more, g_ptr_array_unref);
}

/* Calls @changed on every owner; one that stops owning the child while
 * an earlier one is told is not told. */
static inline void
_mr_owners_notify (MrOwners           *owners,
                   MrOwnerChangedFunc  changed)
{
  g_autoptr(GPtrArray) snapshot = NULL;

  if (owners->more == NULL || owners->more->len == 0)
    {
      if (owners->first != NULL)
        changed (owners->first);
      return;
    }

  snapshot = g_ptr_array_new ();
  g_ptr_array_add (snapshot, owners->first);
  g_ptr_array_extend (snapshot, owners->more, NULL, NULL);

  for (guint i = 0; i < snapshot->len; i++)
    {
      gpointer owner = g_ptr_array_index (snapshot, i);

      if (_mr_owners_contains (owners, owner))
        changed (owner);
    }
}

/* Each model class gives its children's owners to its parent */
MrOwners  *_mr_account_get_owners         (MrAccount   *account);
MrOwners  *_mr_order_item_get_owners      (MrOrderItem *item);
void       _mr_order_item_account_changed (gpointer     item);
void       _mr_order_item_changed_cb      (gpointer     order);

/* mr_account_new(), taking the three strings (g_malloc'd or NULL) */
MrAccount *_mr_account_new_take           (char        *first_name,
                                           char        *last_name,
                                           char        *email_address_prefix);

/* An item with all its parts at once, taking the strings (g_malloc'd or
 * NULL) and @accounts (references, freed with g_object_unref) */
MrOrderItem *_mr_order_item_new_take      (char            *domain,
                                           MrEmailProvider  email_provider,
                                           char            *forwarding_domain,
                                           GPtrArray       *accounts);

/* Inserts a reference to @child at @position (-1: at the end) and adds
 * @owner to @child_owners. */
static inline void
_mr_children_insert (GPtrArray *children,
                     int        position,
                     gpointer   child,
                     MrOwners  *child_owners,
                     gpointer   owner)
{
  g_ptr_array_insert (children, position, g_object_ref (child));
  _mr_owners_add (child_owners, owner);
}

/* GListModel.get_item() */
static inline gpointer
_mr_children_get_item (GPtrArray *children,
                       guint      position)
{
  if (position >= children->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (children, position));
}

G_END_DECLS
