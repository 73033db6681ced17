import { BarChart, LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { figure } from './ReleasedTableView';
import type { ExportFile } from './exportFile';

const SERIES = 'Responses';

/** A table's row totals as chart points; a withheld total is left out of the chart, and says so in the table. */
function points(file: ExportFile, by: string) {
  return file.cells
    .filter((cell) => cell.kind === 'ROW_TOTAL')
    .map((cell) => ({ cell, point: { [by]: cell.row_label ?? '', [SERIES]: cell.value } }));
}

function FiguresTable({ file, caption, by }: { file: ExportFile; caption: string; by: string }) {
  return (
    <VisuallyHidden>
      <Table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{by}</th>
            <th scope="col">{SERIES}</th>
          </tr>
        </thead>
        <tbody>
          {points(file, by).map(({ cell }) => (
            <tr key={cell.row_key ?? '#none'}>
              <th scope="row">{cell.row_label}</th>
              <td>{figure(cell)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </VisuallyHidden>
  );
}

/** Released responses by area (bars) and by month (a line), with the same figures as tables for screen readers. */
export function ReleaseCharts({ byArea, byMonth }: { byArea: ExportFile; byMonth: ExportFile }) {
  const withheld = [...points(byArea, 'Area'), ...points(byMonth, 'Month')].some(({ cell }) => cell.suppressed);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Responses by area
        </Title>
        {/* inert: the figures reach assistive technology through the table below, once. */}
        <div inert>
          <BarChart
            h={240}
            data={points(byArea, 'Area').map(({ point }) => point)}
            dataKey="Area"
            series={[{ name: SERIES, color: 'indigo.7' }]}
          />
        </div>
        <FiguresTable file={byArea} caption="Responses by area, as released" by="Area" />
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Responses by month
        </Title>
        <div inert>
          <LineChart
            h={240}
            data={points(byMonth, 'Month').map(({ point }) => point)}
            dataKey="Month"
            series={[{ name: SERIES, color: 'teal.7' }]}
            connectNulls={false}
          />
        </div>
        <FiguresTable file={byMonth} caption="Responses by month, as released" by="Month" />
      </Paper>
      {withheld && (
        <Text size="sm" c="dimmed">
          A withheld figure is left out of the chart.
        </Text>
      )}
    </SimpleGrid>
  );
}
