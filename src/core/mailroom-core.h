/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-account.h"
#include "mr-api-client.h"
#include "mr-domain-checker.h"
#include "mr-domain-name.h"
#include "mr-draft-store.h"
#include "mr-error.h"
#include "mr-json.h"
#include "mr-money.h"
#include "mr-order.h"
#include "mr-order-item.h"
#include "mr-order-placer.h"
#include "mr-problem.h"
#include "mr-quote.h"
#include "mr-quote-scheduler.h"
#include "mr-records.h"
#include "mr-types.h"
