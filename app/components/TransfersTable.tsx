import { jobErrorText } from "../i18n/job-error-text";
import {
  BlockStack,
  Box,
  Button,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Pagination,
  Select,
  Tabs,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "../i18n/use-translation";
import type { TransferRow, TransfersPage } from "../transfers/list-transfers.server";
import { INVOICE_HANDLED_KIND } from "../transfers/parked-kinds";
import type { TransferTab, TransfersSearch } from "../transfers/transfers-params";
import { formatDateTime } from "./format";
import { JobStatusBadge } from "./StatusBadge";
import { triggerKey } from "./transfer-trigger";

const TABS: TransferTab[] = [
  "all",
  "needsAttention",
  "failed",
  "inProgress",
  "succeeded",
  "skipped",
  "handled",
];

/** Rows the merchant can Retry: a failure that paused the shop, or an order parked for attention. */
const retryable = (row: TransferRow) => row.status === "failed" || row.status === "needsAttention";

function tabCount(tab: TransferTab, counts: TransfersPage["counts"]): number {
  switch (tab) {
    case "all":
      return Object.values(counts).reduce((sum, n) => sum + n, 0);
    case "inProgress":
      return counts.queued + counts.waiting + counts.running;
    default:
      return counts[tab];
  }
}

/** The URL query of the page with some fields changed; a filter change starts at the first page. */
function queryWith(search: TransfersSearch, changes: Partial<TransfersSearch>): string {
  const next = { ...search, cursor: undefined, ...changes };
  const params = new URLSearchParams();
  if (next.tab !== "all") params.set("tab", next.tab);
  if (next.kind) params.set("kind", next.kind);
  if (next.q) params.set("q", next.q);
  if (next.cursor) params.set("cursor", next.cursor);
  return params.toString();
}

/** Status tabs, document filter, search, the table with per-row and bulk Retry, and pages. */
export function TransfersTable({
  page,
  search,
  busy,
  onNavigate,
  onRetry,
}: {
  page: TransfersPage;
  search: TransfersSearch;
  busy: boolean;
  onNavigate: (query: string) => void;
  onRetry: (ids: string[]) => void;
}) {
  const { t, locale } = useTranslation();
  const [text, setText] = useState(search.q ?? "");
  useEffect(() => setText(search.q ?? ""), [search.q]);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(useMemo(() => page.rows.map((row) => ({ id: row.id })), [page.rows]));
  const go = (changes: Partial<TransfersSearch>) => {
    clearSelection();
    onNavigate(queryWith(search, changes));
  };
  const failedSelected = page.rows
    .filter((row) => selectedResources.includes(row.id) && retryable(row))
    .map((row) => row.id);

  return (
    <BlockStack>
      <Tabs
        tabs={TABS.map((tab) => ({
          id: `tab-${tab}`,
          content: t(`transfers.tab.${tab}`),
          badge: String(tabCount(tab, page.counts)),
        }))}
        selected={TABS.indexOf(search.tab)}
        onSelect={(index) => go({ tab: TABS[index] ?? "all" })}
      />
      <Box padding="300">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            go({ q: text.trim() || undefined });
          }}
        >
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flexGrow: 1 }}>
              <TextField
                label={t("transfers.search.label")}
                labelHidden
                id="transfers-search"
                name="q"
                value={text}
                onChange={setText}
                placeholder={t("transfers.search.placeholder")}
                autoComplete="off"
                clearButton
                onClearButtonClick={() => {
                  setText("");
                  go({ q: undefined });
                }}
              />
            </div>
            <Button submit>{t("transfers.search.submit")}</Button>
            <Select
              label={t("transfers.filter.kind")}
              labelInline
              id="transfers-kind"
              options={[
                { label: t("transfers.filter.kindAll"), value: "" },
                { label: t("transfers.filter.kindInvoice"), value: "invoice" },
                { label: t("transfers.filter.kindCreditNote"), value: "creditNote" },
              ]}
              value={search.kind ?? ""}
              onChange={(value) =>
                go({ kind: value === "invoice" || value === "creditNote" ? value : undefined })
              }
            />
          </InlineStack>
        </form>
      </Box>
      <div data-testid="transfers-table">
        <IndexTable
          resourceName={{
            singular: t("transfers.resource.singular"),
            plural: t("transfers.resource.plural"),
          }}
          itemCount={page.rows.length}
          selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
          onSelectionChange={handleSelectionChange}
          promotedBulkActions={[
            {
              content: t("transfers.action.retrySelected"),
              disabled: busy || failedSelected.length === 0,
              onAction: () => {
                onRetry(failedSelected);
                clearSelection();
              },
            },
          ]}
          emptyState={
            <EmptyState heading={t("transfers.empty.title")} image="">
              <p>
                {search.q || search.kind || search.tab !== "all"
                  ? t("transfers.empty.filtered")
                  : t("transfers.empty.body")}
              </p>
            </EmptyState>
          }
          headings={[
            { title: t("transfers.column.order") },
            { title: t("transfers.column.kind") },
            { title: t("transfers.column.status") },
            { title: t("transfers.column.documentNumber") },
            { title: t("transfers.column.trigger") },
            { title: t("transfers.column.attempts"), alignment: "end" },
            { title: t("transfers.column.lastError") },
            { title: t("transfers.column.updated") },
            { title: t("transfers.column.actions"), hidden: true },
          ]}
        >
          {page.rows.map((row, index) => (
            <TransferTableRow
              key={row.id}
              row={row}
              index={index}
              selected={selectedResources.includes(row.id)}
              busy={busy}
              onRetry={() => onRetry([row.id])}
              updated={formatDateTime(row.updatedAt, locale)}
            />
          ))}
        </IndexTable>
      </div>
      <Box padding="300">
        <InlineStack align="center">
          <Pagination
            accessibilityLabel={t("transfers.pagination.label")}
            hasPrevious={page.previousCursor !== null}
            hasNext={page.nextCursor !== null}
            onPrevious={() => go({ cursor: page.previousCursor ?? undefined })}
            onNext={() => go({ cursor: page.nextCursor ?? undefined })}
          />
        </InlineStack>
      </Box>
    </BlockStack>
  );
}

function TransferTableRow({
  row,
  index,
  selected,
  busy,
  onRetry,
  updated,
}: {
  row: TransferRow;
  index: number;
  selected: boolean;
  busy: boolean;
  onRetry: () => void;
  updated: string;
}) {
  const { t, locale } = useTranslation();
  const name = row.orderName ?? row.orderNumericId ?? row.orderId;
  // Reasons Ledger Bridge itself gives are translated; the ledger's and mapper's are shown as sent.
  const reason =
    row.lastErrorKind === INVOICE_HANDLED_KIND
      ? t("transfers.reason.invoiceHandledManually")
      : (jobErrorText(locale, row.lastErrorText) ?? row.lastError);
  return (
    <IndexTable.Row id={row.id} position={index} selected={selected}>
      <IndexTable.Cell>
        {row.orderNumericId ? (
          <Link url={`/app/orders/${row.orderNumericId}`} removeUnderline dataPrimaryLink>
            <Text as="span" fontWeight="semibold">
              {name}
            </Text>
          </Link>
        ) : (
          <Text as="span" fontWeight="semibold">
            {name}
          </Text>
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>{t(`transfers.kind.${row.kind}`)}</IndexTable.Cell>
      <IndexTable.Cell>
        <JobStatusBadge status={row.status} changed={row.changedAfterTransfer} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <span data-testid="document-number">{row.documentNumber ?? "—"}</span>
      </IndexTable.Cell>
      <IndexTable.Cell>{t(triggerKey(row))}</IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {row.attempts}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        {reason ? (
          <div style={{ maxWidth: 320, whiteSpace: "normal" }} title={reason} data-testid="row-reason">
            <Text
              as="span"
              tone={
                row.status === "failed" ? "critical" : row.status === "needsAttention" ? "caution" : "subdued"
              }
              variant="bodySm"
            >
              {reason}
            </Text>
          </div>
        ) : null}
      </IndexTable.Cell>
      <IndexTable.Cell>{updated}</IndexTable.Cell>
      <IndexTable.Cell>
        {retryable(row) && row.lastErrorKind !== INVOICE_HANDLED_KIND ? (
          // The row itself opens the order; the button must not.
          <div onClick={(event) => event.stopPropagation()}>
            <Button size="slim" disabled={busy} onClick={onRetry}>
              {t("transfers.action.retry")}
            </Button>
          </div>
        ) : null}
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}
