/* SPDX-License-Identifier: GPL-3.0-or-later */
/* placeholder: not written yet */
#include "config.h"
