/**
 * Generated from openapi.yaml by `npm run generate -w @lockstep/client`; do not edit.
 * A test fails when this file no longer matches openapi.yaml.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Say whether the API is up
         * @description Answers without touching storage and without authentication.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tradable assets
         * @description Takes no query parameters; any query parameter is a 400.
         */
        get: operations["listAssets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * List an asset or change its price (admin only)
         * @description Creates the listing or updates it. Only members of the group named exactly `admin` may call
         *     it; anyone else gets 403 `FORBIDDEN`. A new listing without a `name` is named after its
         *     symbol. `USD`, the cash currency, cannot be listed: 422 `RESERVED_SYMBOL`.
         */
        put: operations["putAsset"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deposits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deposit USD */
        post: operations["createDeposit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw USD */
        post: operations["createWithdrawal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay USD to another user
         * @description Moves `amount` from the caller's available cash to the payee's, in one transaction: the
         *     caller's ledger gets a `TRANSFER_OUT` entry and the payee's a `TRANSFER_IN` entry, both with
         *     the `transferId`. The payee must have an account, which exists from its first deposit on.
         */
        post: operations["createTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the holds the caller placed and the holds for the caller, newest first
         * @description Takes only `limit` and `cursor`; any other query parameter is a 400.
         */
        get: operations["listHolds"];
        put?: never;
        /**
         * Hold USD for another user (escrow)
         * @description Moves `amount` from the caller's available cash to held, for the payee `to`, until the hold
         *     is captured, voided or expires (`expiresInSeconds`, 1 s to 7 days). No ledger entry is
         *     written: held cash still counts in available + held. The payee must have an account, which
         *     exists from its first deposit on.
         */
        post: operations["createHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/holds/{holdId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a hold the caller placed or is the payee of
         * @description A hold between two other users reads as 404, exactly like one that does not exist. Admins read any hold.
         */
        get: operations["getHold"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/holds/{holdId}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay all or part of a hold to its payee
         * @description By the payer or an admin. `amount` (the whole hold when absent) goes from the payer's held
         *     cash to the payee's available cash, with a `TRANSFER_OUT` entry for the payer and a
         *     `TRANSFER_IN` entry for the payee, both naming the `holdId`; the rest of the hold goes back to
         *     the payer's available cash. The body may be empty. From `expiresAt` on, a capture is refused
         *     with `HOLD_EXPIRED`, whether or not the reaper has released the hold yet.
         */
        post: operations["captureHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/holds/{holdId}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a hold back to its payer
         * @description By the payer, the payee (declining the payment) or an admin. The whole hold goes back to the
         *     payer's available cash; no ledger entry is written. The body may be empty or `{}`.
         */
        post: operations["voidHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/buy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Buy an asset at its listed price
         * @description The total is quantity × price, rounded up to the cent.
         */
        post: operations["buy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/sell": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sell an asset at its listed price
         * @description The proceeds are quantity × price, rounded down to the cent.
         */
        post: operations["sell"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an OPEN limit order
         * @description OPEN → CANCELLED, and the order's held funds go back to available, in one step. Of a cancel and
         *     a fill (or the expiry) racing, exactly one wins. The body may be empty or `{}`.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the caller's balance
         * @description Takes no query parameters; any query parameter is a 400.
         */
        get: operations["getBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portfolio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Value the caller's account at the listed prices
         * @description Cash plus every asset's quantity × its current listed price. Each line's value rounds down
         *     to the cent, and the total is cash plus those values. Takes no query parameters; any query
         *     parameter is a 400.
         */
        get: operations["getPortfolio"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's orders, newest first
         * @description Takes only `limit`, `cursor` and `status`; any other query parameter is a 400. With `status`,
         *     only the caller's orders in that status are listed (`?status=OPEN`: the resting limit orders).
         */
        get: operations["listOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one of the caller's orders
         * @description Another user's order reads as 404, exactly like one that does not exist.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's ledger entries, newest first
         * @description Takes only `limit` and `cursor`; any other query parameter is a 400.
         */
        get: operations["listTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a user's daily limits and what today has used of them
         * @description The caller's own limits, or, for a member of the `admin` group, any user's. Another user's
         *     limits read as 404 to anyone else. A user without an account reads the defaults, unused.
         */
        get: operations["getUserLimits"];
        /**
         * Set a user's daily limits (admin only)
         * @description Replaces the user's own limits: a kind left out of the body follows the default again, so
         *     `{}` puts the user back on the defaults. `0` blocks that kind of movement. Only members of
         *     the `admin` group may call it; anyone else gets 403 `FORBIDDEN`. The user must have an
         *     account (from its first deposit on), else 404 `NOT_FOUND`. The change is written under the
         *     user's lock, so an operation in flight is judged wholly on the old limits or wholly on the new.
         */
        put: operations["putUserLimits"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description USD at full scale.
         * @example 70.00
         */
        UsdAmount: string;
        /**
         * @description USD at full scale, negative.
         * @example -30.00
         */
        UsdDebit: string;
        /**
         * @description An asset quantity at full scale.
         * @example 0.01000000
         */
        Quantity: string;
        /**
         * @description An asset quantity at full scale, negative.
         * @example -0.01000000
         */
        QuantityDebit: string;
        /**
         * @description A USD price per unit of an asset, at full scale.
         * @example 50000.00
         */
        Price: string;
        /**
         * @description A USD amount: > 0 and ≤ 1000000000, with at most 2 decimal places; a plain decimal string or
         *     a finite JSON number.
         * @example 100.00
         */
        UsdAmountInput: string | number;
        /**
         * @description An asset quantity: > 0 and ≤ 1000000000, with at most 8 decimal places; a plain decimal
         *     string or a finite JSON number.
         * @example 0.01
         */
        QuantityInput: string | number;
        /**
         * @description A daily limit in USD: ≥ 0 and ≤ 1000000000, with at most 2 decimal places; a plain decimal
         *     string or a finite JSON number. 0 blocks that kind of movement.
         * @example 5000.00
         */
        DailyLimitInput: string | number;
        /**
         * @description A price in USD, > 0 and ≤ 1000000000, with at most 2 decimal places; only as a string.
         * @example 51000.00
         */
        PriceInput: string;
        /** @example BTC */
        AssetSymbol: string;
        /**
         * Format: date-time
         * @description ISO-8601, UTC.
         * @example 2024-06-01T12:00:00.000Z
         */
        Timestamp: string;
        CashRequest: {
            amount: components["schemas"]["UsdAmountInput"];
        };
        /**
         * @description A user id, as the token's `sub` carries it.
         * @example bob
         */
        UserId: string;
        /**
         * @description Free text for both parties, at most 140 characters.
         * @example job 42
         */
        Memo: string;
        TransferRequest: {
            to: components["schemas"]["UserId"];
            amount: components["schemas"]["UsdAmountInput"];
            memo?: components["schemas"]["Memo"];
        };
        HoldRequest: {
            to: components["schemas"]["UserId"];
            amount: components["schemas"]["UsdAmountInput"];
            /** @description How long the hold stays capturable, in whole seconds, from 1 to 604800 (7 days). */
            expiresInSeconds: number;
        };
        CaptureRequest: {
            amount?: components["schemas"]["UsdAmountInput"];
        };
        VoidRequest: Record<string, never>;
        OrderRequest: {
            asset: components["schemas"]["AssetSymbol"];
            quantity: components["schemas"]["QuantityInput"];
            /**
             * @description MARKET by default. A LIMIT order needs `limitPrice`; a MARKET order takes neither field below.
             * @enum {string}
             */
            type?: "MARKET" | "LIMIT";
            /** @description For a LIMIT order, the worst price per unit it accepts. */
            limitPrice?: components["schemas"]["PriceInput"];
            /** @description For a LIMIT order, how long it may rest OPEN; 1 s to 30 days, 30 days when absent. */
            expiresInSeconds?: number;
        };
        AssetListingRequest: {
            price: components["schemas"]["PriceInput"];
            /**
             * @description The display name; a new listing without one is named after its symbol.
             * @example Bitcoin
             */
            name?: string;
        };
        /** @description A kind left out follows the default; `{}` puts the user back on the defaults. */
        DailyLimitsRequest: {
            deposit?: components["schemas"]["DailyLimitInput"];
            withdrawal?: components["schemas"]["DailyLimitInput"];
        };
        Health: {
            /** @constant */
            status: "ok";
        };
        Asset: {
            asset: components["schemas"]["AssetSymbol"];
            /** @example Bitcoin */
            name: string;
            price: components["schemas"]["Price"];
        };
        AssetList: {
            items: components["schemas"]["Asset"][];
        };
        CashHolding: {
            available: components["schemas"]["UsdAmount"];
            held: components["schemas"]["UsdAmount"];
        };
        AssetHolding: {
            available: components["schemas"]["Quantity"];
            held: components["schemas"]["Quantity"];
        };
        /**
         * @description `held` is what in-flight orders have reserved. An asset the user never held may be left out
         *     of `assets`.
         * @example {
         *       "cash": {
         *         "available": "70.00",
         *         "held": "0.00"
         *       },
         *       "assets": {
         *         "BTC": {
         *           "available": "0.01000000",
         *           "held": "0.00000000"
         *         }
         *       }
         *     }
         */
        Balance: {
            cash: components["schemas"]["CashHolding"];
            /** @description Holdings by asset symbol. */
            assets: {
                [key: string]: components["schemas"]["AssetHolding"];
            };
        };
        PortfolioLine: {
            asset: components["schemas"]["AssetSymbol"];
            /** @description available + held. */
            quantity: components["schemas"]["Quantity"];
            /** @description The listed price the line was valued at. */
            price: components["schemas"]["Price"];
            /** @description quantity × price, rounded down to the cent. */
            value: components["schemas"]["UsdAmount"];
        };
        /**
         * @description The account at the listed prices. `total` is `cash` plus the sum of the lines' values, so
         *     the figures add up exactly. `assets` lists every asset with a quantity above zero, by symbol.
         * @example {
         *       "asOf": "2024-06-01T12:00:00.000Z",
         *       "cash": "70.00",
         *       "assets": [
         *         {
         *           "asset": "BTC",
         *           "quantity": "0.01000000",
         *           "price": "50000.00",
         *           "value": "500.00"
         *         }
         *       ],
         *       "total": "570.00"
         *     }
         */
        Portfolio: {
            /** @description When the balance and the prices were read. */
            asOf: components["schemas"]["Timestamp"];
            /** @description USD, available + held. */
            cash: components["schemas"]["UsdAmount"];
            assets: components["schemas"]["PortfolioLine"][];
            total: components["schemas"]["UsdAmount"];
        };
        /**
         * @description One ledger entry. `amount` is signed (a debit is negative) and `balanceAfter` is that
         *     asset's available + held after the entry; both are at the scale of `asset`. A BUY writes
         *     two entries, USD −total and the asset +quantity; a SELL writes the asset −quantity and
         *     USD +proceeds. A transfer writes one USD entry on each side, TRANSFER_OUT −amount for the
         *     payer and TRANSFER_IN +amount for the payee, both with the `transferId`. The entries of an
         *     asset always sum to its available + held. Each kind of
         *     entry is its own schema, so that a generated client knows the sign and scale of each.
         * @example {
         *       "id": "01J0000000000000000000000A",
         *       "type": "WITHDRAWAL",
         *       "asset": "USD",
         *       "amount": "-30.00",
         *       "balanceAfter": "70.00",
         *       "createdAt": "2024-06-01T12:00:00.000Z"
         *     }
         */
        Tx: components["schemas"]["DepositTx"] | components["schemas"]["WithdrawalTx"] | components["schemas"]["BuyCashTx"] | components["schemas"]["BuyAssetTx"] | components["schemas"]["SellAssetTx"] | components["schemas"]["SellCashTx"] | components["schemas"]["TransferOutTx"] | components["schemas"]["TransferInTx"];
        TxId: string;
        /** @description The order that wrote the entry (BUY and SELL). */
        TxOrderId: string;
        /** @description The transfer that wrote the entry; the same on both sides. */
        TxTransferId: string;
        /** @description The hold whose capture wrote the entry; the same on both sides. */
        TxHoldId: string;
        /**
         * @description `USD`: the entry moves cash.
         * @constant
         */
        Usd: "USD";
        /**
         * @description The symbol of the asset the entry moves; any symbol but `USD`, which is cash.
         * @example BTC
         */
        AssetOtherThanUsd: string;
        /** @description Cash paid in. */
        DepositTx: {
            id: components["schemas"]["TxId"];
            /** @constant */
            type: "DEPOSIT";
            asset: components["schemas"]["Usd"];
            amount: components["schemas"]["UsdAmount"];
            balanceAfter: components["schemas"]["UsdAmount"];
            orderId?: components["schemas"]["TxOrderId"];
            createdAt: components["schemas"]["Timestamp"];
        };
        /** @description Cash paid out; the amount is negative. */
        WithdrawalTx: {
            id: components["schemas"]["TxId"];
            /** @constant */
            type: "WITHDRAWAL";
            asset: components["schemas"]["Usd"];
            amount: components["schemas"]["UsdDebit"];
            balanceAfter: components["schemas"]["UsdAmount"];
            orderId?: components["schemas"]["TxOrderId"];
            createdAt: components["schemas"]["Timestamp"];
        };
        /** @description The cash side of a BUY, −total. */
        BuyCashTx: {
            id: components["schemas"]["TxId"];
            /** @constant */
            type: "BUY";
            asset: components["schemas"]["Usd"];
            amount: components["schemas"]["UsdDebit"];
            balanceAfter: components["schemas"]["UsdAmount"];
            orderId?: components["schemas"]["TxOrderId"];
            createdAt: components["schemas"]["Timestamp"];
        };
        /** @description The asset side of a BUY, +quantity. */
        BuyAssetTx: {
            id: components["schemas"]["TxId"];
            /** @constant */
            type: "BUY";
            asset: components["schemas"]["AssetOtherThanUsd"];
            amount: components["schemas"]["Quantity"];
            balanceAfter: components["schemas"]["Quantity"];
            orderId?: components["schemas"]["TxOrderId"];
            createdAt: components["schemas"]["Timestamp"];
        };
        /** @description The asset side of a SELL, −quantity. */
        SellAssetTx: {
            id: components["schemas"]["TxId"];
            /** @constant */
            type: "SELL";
            asset: components["schemas"]["AssetOtherThanUsd"];
            amount: components["schemas"]["QuantityDebit"];
            balanceAfter: components["schemas"]["Quantity"];
            orderId?: components["schemas"]["TxOrderId"];
            createdAt: components["schemas"]["Timestamp"];
        };
        /** @description The cash side of a SELL, +proceeds. */
        SellCashTx: {
            id: components["schemas"]["TxId"];
            /** @constant */
            type: "SELL";
            asset: components["schemas"]["Usd"];
            amount: components["schemas"]["UsdAmount"];
            balanceAfter: components["schemas"]["UsdAmount"];
            orderId?: components["schemas"]["TxOrderId"];
            createdAt: components["schemas"]["Timestamp"];
        };
        /**
         * @description Cash paid to another user, −amount: a transfer, or the captured part of a hold (then with
         *     its `holdId`). `counterparty` is the payee.
         */
        TransferOutTx: {
            id: components["schemas"]["TxId"];
            /** @constant */
            type: "TRANSFER_OUT";
            asset: components["schemas"]["Usd"];
            amount: components["schemas"]["UsdDebit"];
            balanceAfter: components["schemas"]["UsdAmount"];
            transferId: components["schemas"]["TxTransferId"];
            counterparty: components["schemas"]["UserId"];
            memo?: components["schemas"]["Memo"];
            holdId?: components["schemas"]["TxHoldId"];
            createdAt: components["schemas"]["Timestamp"];
        };
        /**
         * @description Cash received from another user, +amount: a transfer, or the captured part of a hold (then
         *     with its `holdId`). `counterparty` is the payer.
         */
        TransferInTx: {
            id: components["schemas"]["TxId"];
            /** @constant */
            type: "TRANSFER_IN";
            asset: components["schemas"]["Usd"];
            amount: components["schemas"]["UsdAmount"];
            balanceAfter: components["schemas"]["UsdAmount"];
            transferId: components["schemas"]["TxTransferId"];
            counterparty: components["schemas"]["UserId"];
            memo?: components["schemas"]["Memo"];
            holdId?: components["schemas"]["TxHoldId"];
            createdAt: components["schemas"]["Timestamp"];
        };
        /**
         * @description An order; `failureReason` is there exactly when it FAILED.
         * @example {
         *       "orderId": "01J0000000000000000000000B",
         *       "side": "BUY",
         *       "type": "MARKET",
         *       "asset": "BTC",
         *       "quantity": "0.01000000",
         *       "price": "50000.00",
         *       "total": "500.00",
         *       "status": "COMPLETED",
         *       "createdAt": "2024-06-01T12:00:00.000Z",
         *       "updatedAt": "2024-06-01T12:00:00.100Z"
         *     }
         */
        Order: components["schemas"]["PendingOrder"] | components["schemas"]["OpenOrder"] | components["schemas"]["CompletedOrder"] | components["schemas"]["FailedOrder"] | components["schemas"]["CancelledOrder"] | components["schemas"]["ExpiredOrder"];
        /** @description What every order carries, whatever its status. */
        OrderFields: {
            orderId: string;
            /** @enum {string} */
            side: "BUY" | "SELL";
            /**
             * @description MARKET (the default) trades at the listed price at once; LIMIT names the worst price it accepts.
             * @enum {string}
             */
            type: "MARKET" | "LIMIT";
            /** @description A LIMIT order's limit. A BUY fills at or below it, a SELL at or above it. */
            limitPrice?: components["schemas"]["Price"];
            /** @description A resting LIMIT order's expiry; from this instant on it can no longer fill. */
            expiresAt?: components["schemas"]["Timestamp"];
            asset: components["schemas"]["AssetSymbol"];
            quantity: components["schemas"]["Quantity"];
            price: components["schemas"]["Price"];
            /**
             * @description quantity × price in USD; rounded up to the cent for a BUY, down for a SELL. While a LIMIT
             *     order is OPEN (and once CANCELLED or EXPIRED), `price` is its limit and `total` what that
             *     limit comes to; once filled they are the fill's.
             */
            total: components["schemas"]["UsdAmount"];
            /**
             * @description A MARKET order is PENDING while it runs, then COMPLETED or FAILED. A LIMIT order that does not
             *     fill at once is OPEN, then COMPLETED (filled), CANCELLED or EXPIRED.
             * @enum {string}
             */
            status: "PENDING" | "OPEN" | "COMPLETED" | "FAILED" | "CANCELLED" | "EXPIRED";
            createdAt: components["schemas"]["Timestamp"];
            updatedAt: components["schemas"]["Timestamp"];
        };
        /** @description A LIMIT order resting until the price meets its limit; its funds are held. */
        OpenOrder: {
            /** @constant */
            status: "OPEN";
            /** @constant */
            type: "LIMIT";
            limitPrice: components["schemas"]["Price"];
            expiresAt: components["schemas"]["Timestamp"];
        } & WithRequired<components["schemas"]["OrderFields"], "status" | "type" | "limitPrice" | "expiresAt">;
        /** @description A LIMIT order cancelled while OPEN; its funds went back to available. */
        CancelledOrder: {
            /** @constant */
            status: "CANCELLED";
            /** @constant */
            type: "LIMIT";
            limitPrice: components["schemas"]["Price"];
            expiresAt: components["schemas"]["Timestamp"];
        } & WithRequired<components["schemas"]["OrderFields"], "status" | "type" | "limitPrice" | "expiresAt">;
        /** @description A LIMIT order that reached its expiresAt unfilled; its funds went back to available. */
        ExpiredOrder: {
            /** @constant */
            status: "EXPIRED";
            /** @constant */
            type: "LIMIT";
            limitPrice: components["schemas"]["Price"];
            expiresAt: components["schemas"]["Timestamp"];
        } & WithRequired<components["schemas"]["OrderFields"], "status" | "type" | "limitPrice" | "expiresAt">;
        /** @description Reserved, not yet committed or rolled back. */
        PendingOrder: {
            /** @constant */
            status: "PENDING";
        } & WithRequired<components["schemas"]["OrderFields"], "status">;
        /** @description Committed; its ledger entries are written. */
        CompletedOrder: {
            /** @constant */
            status: "COMPLETED";
        } & WithRequired<components["schemas"]["OrderFields"], "status">;
        /** @description Rolled back, or expired and resolved by the reaper; nothing was moved. */
        FailedOrder: {
            /** @constant */
            status: "FAILED";
            /** @description Why the order failed. */
            failureReason: string;
        } & WithRequired<components["schemas"]["OrderFields"], "status">;
        CashResult: {
            transaction: components["schemas"]["Tx"];
            balance: components["schemas"]["Balance"];
        };
        /**
         * @example {
         *       "transferId": "01J0000000000000000000000C",
         *       "from": "alice",
         *       "to": "bob",
         *       "amount": "25.00",
         *       "memo": "job 42",
         *       "createdAt": "2024-06-01T12:00:00.000Z"
         *     }
         */
        Transfer: {
            transferId: string;
            from: components["schemas"]["UserId"];
            to: components["schemas"]["UserId"];
            amount: components["schemas"]["UsdAmount"];
            memo?: components["schemas"]["Memo"];
            createdAt: components["schemas"]["Timestamp"];
        };
        TransferResult: {
            transfer: components["schemas"]["Transfer"];
            balance: components["schemas"]["Balance"];
        };
        /**
         * @description Cash held on the payer's balance for the payee until the hold resolves, exactly once:
         *     CAPTURED (`captured` paid to the payee, the rest released), VOIDED or EXPIRED (all released
         *     to the payer). A PENDING hold past `expiresAt` can no longer be captured or voided; the
         *     reaper marks it EXPIRED and releases it within 2 minutes.
         * @example {
         *       "holdId": "01J0000000000000000000000D",
         *       "from": "alice",
         *       "to": "bob",
         *       "amount": "25.00",
         *       "captured": "0.00",
         *       "status": "PENDING",
         *       "expiresAt": "2024-06-01T13:00:00.000Z",
         *       "createdAt": "2024-06-01T12:00:00.000Z",
         *       "updatedAt": "2024-06-01T12:00:00.000Z"
         *     }
         */
        Hold: {
            holdId: string;
            from: components["schemas"]["UserId"];
            to: components["schemas"]["UserId"];
            amount: components["schemas"]["UsdAmount"];
            captured: components["schemas"]["UsdAmount"];
            /** @enum {string} */
            status: "PENDING" | "CAPTURED" | "VOIDED" | "EXPIRED";
            expiresAt: components["schemas"]["Timestamp"];
            createdAt: components["schemas"]["Timestamp"];
            updatedAt: components["schemas"]["Timestamp"];
        };
        OrderResult: {
            /** @description COMPLETED; or OPEN, for a LIMIT order whose price is not met yet. */
            order: components["schemas"]["CompletedOrder"] | components["schemas"]["OpenOrder"];
            balance: components["schemas"]["Balance"];
        };
        CancelResult: {
            order: components["schemas"]["CancelledOrder"];
            balance: components["schemas"]["Balance"];
        };
        /** @description One daily limit, what the day has used of it, and what is left (never negative). */
        LimitUsage: {
            limit: components["schemas"]["UsdAmount"];
            used: components["schemas"]["UsdAmount"];
            remaining: components["schemas"]["UsdAmount"];
            /**
             * @description `user` when an admin set this user's limit, `default` when the configured default applies.
             * @enum {string}
             */
            source: "default" | "user";
        };
        /**
         * @description A user's daily limits on the UTC day `day`. Deposits count toward `deposit`; withdrawals (and
         *     every other way cash leaves the account) toward `withdrawal`. Usage starts again from zero at
         *     `resetsAt`, the next UTC midnight.
         * @example {
         *       "userId": "alice",
         *       "day": "2024-06-01",
         *       "resetsAt": "2024-06-02T00:00:00.000Z",
         *       "deposit": {
         *         "limit": "10000.00",
         *         "used": "100.00",
         *         "remaining": "9900.00",
         *         "source": "default"
         *       },
         *       "withdrawal": {
         *         "limit": "1000.00",
         *         "used": "30.00",
         *         "remaining": "970.00",
         *         "source": "user"
         *       }
         *     }
         */
        Limits: {
            userId: string;
            /** Format: date */
            day: string;
            resetsAt: components["schemas"]["Timestamp"];
            deposit: components["schemas"]["LimitUsage"];
            withdrawal: components["schemas"]["LimitUsage"];
        };
        /**
         * @description Why a request was refused by a daily limit: the limit, what the UTC day `day` had used of
         *     it, what was left, what the request asked for, and when the day's usage starts again.
         * @example {
         *       "kind": "withdrawal",
         *       "day": "2024-06-01",
         *       "limit": "5000.00",
         *       "used": "4800.00",
         *       "remaining": "200.00",
         *       "requested": "300.00",
         *       "resetsAt": "2024-06-02T00:00:00.000Z"
         *     }
         */
        DailyLimitRefusal: {
            /** @enum {string} */
            kind: "deposit" | "withdrawal";
            /** Format: date */
            day: string;
            limit: components["schemas"]["UsdAmount"];
            used: components["schemas"]["UsdAmount"];
            remaining: components["schemas"]["UsdAmount"];
            requested: components["schemas"]["UsdAmount"];
            resetsAt: components["schemas"]["Timestamp"];
        };
        TxPage: {
            items: components["schemas"]["Tx"][];
            /** @description Pass it as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        HoldPage: {
            items: components["schemas"]["Hold"][];
            /** @description Pass it as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        OrderPage: {
            items: components["schemas"]["Order"][];
            /** @description Pass it as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        /** @enum {string} */
        ErrorCode: "VALIDATION_ERROR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "LOCKED" | "IDEMPOTENCY_IN_PROGRESS" | "IDEMPOTENCY_KEY_REUSED" | "INSUFFICIENT_FUNDS" | "INSUFFICIENT_ASSET" | "UNKNOWN_ASSET" | "DAILY_LIMIT_EXCEEDED" | "ORDER_NOT_OPEN" | "SAME_ACCOUNT" | "UNKNOWN_PAYEE" | "HOLD_ALREADY_CAPTURED" | "HOLD_ALREADY_VOIDED" | "HOLD_EXPIRED" | "CAPTURE_EXCEEDS_HOLD" | "RESERVED_SYMBOL" | "REQUEST_TIMEOUT" | "INTERNAL" | "UNAVAILABLE";
        ErrorDetail: {
            code: components["schemas"]["ErrorCode"];
            /** @description A sentence a person can act on; never a stack trace or an AWS error name. */
            message: string;
            requestId: string;
        };
        Error: {
            error: components["schemas"]["ErrorDetail"];
        };
        /** @description An error of an order route; `order` is there when the order was created and then failed. */
        OrderError: {
            error: components["schemas"]["ErrorDetail"];
            order?: components["schemas"]["FailedOrder"];
        };
        /** @description An error of a cash or transfer route; `dailyLimit` is there when a daily limit refused it. */
        CashError: {
            error: components["schemas"]["ErrorDetail"];
            dailyLimit?: components["schemas"]["DailyLimitRefusal"];
        };
    };
    responses: {
        /**
         * @description The body is not JSON or not an object; a field is missing, unknown or of the wrong type; a
         *     bad decimal; a body over 16 KiB; a bad query parameter, path parameter or Idempotency-Key.
         *     Nothing was changed.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                    };
                };
            };
        };
        /** @description A missing, malformed, expired or wrongly signed bearer token. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "UNAUTHORIZED";
                    };
                };
            };
        };
        /** @description An admin route called by a user outside the admin group. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
        };
        /** @description An unknown route or resource, or another user's resource. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
        };
        /**
         * @description `LOCKED`: another operation of this user held the lock longer than the wait budget (at most
         *     5 s); comes with `Retry-After`. `IDEMPOTENCY_IN_PROGRESS`: the same Idempotency-Key is still
         *     being processed. Nothing was changed, and the key can be retried.
         */
        Conflict: {
            headers: {
                "Retry-After": components["headers"]["RetryAfterWhenLocked"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "LOCKED" | "IDEMPOTENCY_IN_PROGRESS";
                    };
                };
            };
        };
        /** @description The payee, not the payer, asked to capture the hold; only the payer or an admin may. */
        HoldForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "FORBIDDEN";
                    };
                };
            };
        };
        /**
         * @description The hold was already resolved (`HOLD_ALREADY_CAPTURED`, `HOLD_ALREADY_VOIDED`) or is past
         *     its `expiresAt` (`HOLD_EXPIRED`), and this is not a repeat of the idempotent request that
         *     resolved it (that one gets its first answer again); or `LOCKED` / `IDEMPOTENCY_IN_PROGRESS`
         *     as for every POST. Nothing was changed.
         */
        HoldConflict: {
            headers: {
                "Retry-After": components["headers"]["RetryAfterWhenLocked"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "HOLD_ALREADY_CAPTURED" | "HOLD_ALREADY_VOIDED" | "HOLD_EXPIRED" | "LOCKED" | "IDEMPOTENCY_IN_PROGRESS";
                    };
                };
            };
        };
        /**
         * @description `LOCKED`: another operation of this user held the lock longer than the wait budget (at most
         *     5 s). Nothing was changed; retry after `Retry-After`.
         */
        Locked: {
            headers: {
                "Retry-After": components["headers"]["RetryAfterWhenLocked"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "LOCKED";
                    };
                };
            };
        };
        /**
         * @description Local server only: the request's headers did not all arrive within 10 s, or the whole
         *     request within 30 s. Nothing was run; the connection is closed.
         */
        RequestTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "REQUEST_TIMEOUT";
                    };
                };
            };
        };
        /** @description A bug. Anything done was rolled back. */
        Internal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
        /** @description Storage throttled or unreachable after retries. Anything done was rolled back. */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "UNAVAILABLE";
                    };
                };
            };
        };
        /** @description A bug. Anything done was rolled back; a created order is in the body, FAILED. */
        OrderInternal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OrderError"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
        /**
         * @description Storage throttled or unreachable after retries. Anything done was rolled back; a created
         *     order is in the body, FAILED.
         */
        OrderUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OrderError"] & {
                    error?: {
                        /** @enum {string} */
                        code?: "UNAVAILABLE";
                    };
                };
            };
        };
    };
    parameters: {
        /**
         * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
         *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
         *     resending one. Without it, each call is executed on its own.
         * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
         */
        IdempotencyKey: string;
        /** @description How many items one page holds. */
        Limit: number;
        /** @description The `nextCursor` of the previous page, unchanged. Anything else is a 400. */
        Cursor: string;
        /**
         * @description The asset's symbol.
         * @example BTC
         */
        AssetSymbol: components["schemas"]["AssetSymbol"];
        /** @description The `holdId` of a hold the caller placed or is the payee of. */
        HoldId: string;
        /** @description The user's id, the `sub` of their token. */
        UserId: string;
        /** @description The `orderId` of one of the caller's orders. */
        OrderId: string;
    };
    requestBodies: never;
    headers: {
        /** @description Present on a replayed answer to a repeated Idempotency-Key; its effect was applied once. */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
        /** @description Seconds to wait before retrying; sent with `LOCKED`, not with `IDEMPOTENCY_IN_PROGRESS`. It is what the request saw ahead of it: the rest of the running operation and one operation per request queued before it, or the running operation's remaining lease if the lock never changed hands while it waited. */
        RetryAfterWhenLocked: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The API is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
        };
    };
    listAssets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every listed asset. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    putAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The asset's symbol.
                 * @example BTC
                 */
                asset: components["parameters"]["AssetSymbol"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssetListingRequest"];
            };
        };
        responses: {
            /** @description The asset as it is now listed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Asset"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            /** @description `USD` is the cash currency that prices are quoted in: it cannot be listed (`RESERVED_SYMBOL`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "RESERVED_SYMBOL";
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    createDeposit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": "100.00"
                 *     }
                 */
                "application/json": components["schemas"]["CashRequest"];
            };
        };
        responses: {
            /** @description The deposit was applied. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CashResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            /**
             * @description The deposit would pass the user's daily deposit limit (`DAILY_LIMIT_EXCEEDED`; the body's
             *     `dailyLimit` names the figures), or the Idempotency-Key was already used with another
             *     route or body.
             */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CashError"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "DAILY_LIMIT_EXCEEDED" | "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    createWithdrawal: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": "30.00"
                 *     }
                 */
                "application/json": components["schemas"]["CashRequest"];
            };
        };
        responses: {
            /** @description The withdrawal was applied. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CashResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            /**
             * @description Not enough available cash (`INSUFFICIENT_FUNDS`; the message names both figures), the
             *     withdrawal would pass the user's daily withdrawal limit (`DAILY_LIMIT_EXCEEDED`; the
             *     body's `dailyLimit` names the figures), or the Idempotency-Key was already used with
             *     another route or body. Funds are judged first.
             */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CashError"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "INSUFFICIENT_FUNDS" | "DAILY_LIMIT_EXCEEDED" | "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    createTransfer: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "to": "bob",
                 *       "amount": "25.00",
                 *       "memo": "job 42"
                 *     }
                 */
                "application/json": components["schemas"]["TransferRequest"];
            };
        };
        responses: {
            /** @description The transfer was applied; `balance` is the caller's. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            /**
             * @description Not enough available cash (`INSUFFICIENT_FUNDS`; the message names both figures), the
             *     caller's own id as payee (`SAME_ACCOUNT`), a payee without an account (`UNKNOWN_PAYEE`),
             *     a transfer that would pass the payer's daily withdrawal limit (`DAILY_LIMIT_EXCEEDED`;
             *     the body's `dailyLimit` names the figures), or the Idempotency-Key was already used with
             *     another route or body.
             */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CashError"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "INSUFFICIENT_FUNDS" | "SAME_ACCOUNT" | "UNKNOWN_PAYEE" | "DAILY_LIMIT_EXCEEDED" | "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listHolds: {
        parameters: {
            query?: {
                /** @description How many items one page holds. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page, unchanged. Anything else is a 400. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of holds. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HoldPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    createHold: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "to": "bob",
                 *       "amount": "25.00",
                 *       "expiresInSeconds": 3600
                 *     }
                 */
                "application/json": components["schemas"]["HoldRequest"];
            };
        };
        responses: {
            /** @description The hold was placed, PENDING. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            /**
             * @description Not enough available cash (`INSUFFICIENT_FUNDS`; the message names both figures), the
             *     caller's own id as payee (`SAME_ACCOUNT`), a payee without an account (`UNKNOWN_PAYEE`),
             *     a hold that would pass the payer's daily withdrawal limit (`DAILY_LIMIT_EXCEEDED`; the
             *     body's `dailyLimit` names the figures), or the Idempotency-Key was already used with
             *     another route or body.
             */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CashError"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "INSUFFICIENT_FUNDS" | "SAME_ACCOUNT" | "UNKNOWN_PAYEE" | "DAILY_LIMIT_EXCEEDED" | "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The `holdId` of a hold the caller placed or is the payee of. */
                holdId: components["parameters"]["HoldId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hold. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    captureHold: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The `holdId` of a hold the caller placed or is the payee of. */
                holdId: components["parameters"]["HoldId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "amount": "10.00"
                 *     }
                 */
                "application/json": components["schemas"]["CaptureRequest"];
            };
        };
        responses: {
            /** @description The hold is CAPTURED; `captured` is what the payee received. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["HoldForbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["HoldConflict"];
            /**
             * @description More than the hold (`CAPTURE_EXCEEDS_HOLD`; the message names both figures), or the
             *     Idempotency-Key was already used with another route or body.
             */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CAPTURE_EXCEEDS_HOLD" | "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    voidHold: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The `holdId` of a hold the caller placed or is the payee of. */
                holdId: components["parameters"]["HoldId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["VoidRequest"];
            };
        };
        responses: {
            /** @description The hold is VOIDED. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["HoldConflict"];
            /** @description The Idempotency-Key was already used with another route or body. */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    buy: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderRequest"];
            };
        };
        responses: {
            /**
             * @description A MARKET order, or a LIMIT order whose price was already met, was executed at the listed
             *     price and is COMPLETED. A LIMIT order whose price is not met rests OPEN, its funds held.
             */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            /**
             * @description Not enough available cash (`INSUFFICIENT_FUNDS`), an asset that is not listed
             *     (`UNKNOWN_ASSET`), or a reused Idempotency-Key. When the order had been created, the body
             *     carries it, FAILED.
             */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderError"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "INSUFFICIENT_FUNDS" | "UNKNOWN_ASSET" | "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["OrderInternal"];
            503: components["responses"]["OrderUnavailable"];
        };
    };
    sell: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderRequest"];
            };
        };
        responses: {
            /**
             * @description A MARKET order, or a LIMIT order whose price was already met, was executed at the listed
             *     price and is COMPLETED. A LIMIT order whose price is not met rests OPEN, its funds held.
             */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            /**
             * @description Not enough available asset (`INSUFFICIENT_ASSET`), an asset that is not listed
             *     (`UNKNOWN_ASSET`), or a reused Idempotency-Key. When the order had been created, the body
             *     carries it, FAILED.
             */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderError"] & {
                        error?: {
                            /** @enum {string} */
                            code?: "INSUFFICIENT_ASSET" | "UNKNOWN_ASSET" | "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["OrderInternal"];
            503: components["responses"]["OrderUnavailable"];
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key, route and body replay the first 201 or 422.
                 *     Use a fresh key, such as a random UUID, for each distinct request, and the same key when
                 *     resending one. Without it, each call is executed on its own.
                 * @example 5f0c2a7e-9d1b-4c3a-8e6f-2b7d9a4c1e08
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The `orderId` of one of the caller's orders. */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["VoidRequest"];
            };
        };
        responses: {
            /** @description The order is CANCELLED. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /**
             * @description `ORDER_NOT_OPEN`: the order is not OPEN (filled, cancelled, expired or past its expiry, or a
             *     MARKET order), and this is not a repeat of the idempotent request that cancelled it; or
             *     `LOCKED` / `IDEMPOTENCY_IN_PROGRESS` as for every POST. Nothing was changed.
             */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfterWhenLocked"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "ORDER_NOT_OPEN" | "LOCKED" | "IDEMPOTENCY_IN_PROGRESS";
                        };
                    };
                };
            };
            /** @description The Idempotency-Key was already used with another route or body. */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "IDEMPOTENCY_KEY_REUSED";
                        };
                    };
                };
            };
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's cash and asset holdings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Balance"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getPortfolio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account's value, with the prices used and the time they were read. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Portfolio"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description How many items one page holds. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page, unchanged. Anything else is a 400. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only orders in this status. */
                status?: "PENDING" | "OPEN" | "COMPLETED" | "FAILED" | "CANCELLED" | "EXPIRED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of orders. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The `orderId` of one of the caller's orders. */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listTransactions: {
        parameters: {
            query?: {
                /** @description How many items one page holds. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextCursor` of the previous page, unchanged. Anything else is a 400. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of ledger entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TxPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getUserLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id, the `sub` of their token. */
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The limits in force and today's usage (UTC). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Limits"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    putUserLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user's id, the `sub` of their token. */
                userId: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "deposit": "20000.00",
                 *       "withdrawal": "1000.00"
                 *     }
                 */
                "application/json": components["schemas"]["DailyLimitsRequest"];
            };
        };
        responses: {
            /** @description The limits now in force and today's usage (UTC). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Limits"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Locked"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
