import { EarlyStopChart } from './charts/EarlyStopChart';
import { LayerDensityChart } from './charts/LayerDensityChart';
import { LotteryChart } from './charts/LotteryChart';
import { RoundCurvesChart } from './charts/RoundCurvesChart';
import { Header } from './header/Header';
import { ExperimentPanel } from './panel/ExperimentPanel';
import { PicturesPanel } from './pictures/PicturesPanel';
import { Notices } from './run/Notices';
import { ProgressPanel } from './run/ProgressPanel';
import { RunControls } from './run/RunControls';
import { RunsTable } from './run/RunsTable';

export function App() {
  return (
    <div className="app">
      <Header />
      <div className="layout">
        <aside className="sidebar">
          <ExperimentPanel />
        </aside>
        <main className="main">
          <div className="run-bar">
            <RunControls />
            <ProgressPanel />
          </div>
          <Notices />
          <div className="grid">
            <LotteryChart />
            <RoundCurvesChart />
            <EarlyStopChart />
            <LayerDensityChart />
          </div>
          <PicturesPanel />
          <RunsTable />
        </main>
      </div>
    </div>
  );
}
