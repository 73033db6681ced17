import { Table, Text } from '@mantine/core';
import type { ExportCell } from '@chorus/shared';
import type { ExportFile } from './exportFile';

/** A released figure as staff read it: the value, or "withheld" for a suppressed cell. */
export function figure(cell: ExportCell | undefined): string {
  if (!cell) return '—';
  return cell.suppressed ? 'withheld' : String(cell.value);
}

const key = (row: string | null, column: string | null) => JSON.stringify([row, column]);

/** One released table as a grid: rows by columns, with each row's and column's total. */
export function ReleasedTableView({ file }: { file: ExportFile }) {
  const cells = new Map<string, ExportCell>();
  const rows: { key: string | null; label: string }[] = [];
  const columns: { key: string | null; label: string }[] = [];
  let total: ExportCell | undefined;
  for (const cell of file.cells) {
    if (cell.kind === 'CELL') cells.set(key(cell.row_key, cell.column_key), cell);
    if (cell.kind === 'ROW_TOTAL') {
      cells.set(key(cell.row_key, '#total'), cell);
      rows.push({ key: cell.row_key, label: cell.row_label ?? '' });
    }
    if (cell.kind === 'COLUMN_TOTAL') {
      cells.set(key('#total', cell.column_key), cell);
      columns.push({ key: cell.column_key, label: cell.column_label ?? '' });
    }
    if (cell.kind === 'TOTAL') total = cell;
  }
  return (
    // Wider than the screen: the scrolling box takes focus, so the keyboard can scroll it too.
    <Table.ScrollContainer
      minWidth={600}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': `${file.table.title}, scrollable` } }}
    >
      <Table striped withColumnBorders>
        <Table.Caption>
          {file.table.title} — release {file.release.version}; figures below {file.release.threshold} are withheld
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{file.table.rows.toLowerCase().replace('_', ' ')}</Table.Th>
            {columns.map((column) => (
              <Table.Th scope="col" key={column.key ?? '#none'}>
                {column.label}
              </Table.Th>
            ))}
            <Table.Th scope="col">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key ?? '#none'}>
              <Table.Th scope="row">{row.label}</Table.Th>
              {columns.map((column) => (
                <Table.Td key={column.key ?? '#none'}>{figure(cells.get(key(row.key, column.key)))}</Table.Td>
              ))}
              <Table.Td fw={600}>{figure(cells.get(key(row.key, '#total')))}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">Total</Table.Th>
            {columns.map((column) => (
              <Table.Td key={column.key ?? '#none'} fw={600}>
                {figure(cells.get(key('#total', column.key)))}
              </Table.Td>
            ))}
            <Table.Td fw={700}>{figure(total)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {rows.length === 0 && <Text c="dimmed">This table has no rows.</Text>}
    </Table.ScrollContainer>
  );
}
