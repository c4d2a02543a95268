import { EarlyStopChart } from './charts/EarlyStopChart';
import { LayerDensityChart } from './charts/LayerDensityChart';
import { LotteryChart } from './charts/LotteryChart';
import { RoundCurvesChart } from './charts/RoundCurvesChart';
import { Header } from './header/Header';
import { HistoryPanel } from './history/HistoryPanel';
import { ResumeBanner } from './history/ResumeBanner';
import { ExperimentPanel } from './panel/ExperimentPanel';
import { PicturesPanel } from './pictures/PicturesPanel';
import { Notices } from './run/Notices';
import { ProgressPanel } from './run/ProgressPanel';
import { RunControls } from './run/RunControls';
import { RunsTable } from './run/RunsTable';
import { LinkResultsBanner } from './share/LinkResultsBanner';
import { ShareButton } from './share/ShareButton';

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
            <div className="run-row">
              <RunControls />
              <ShareButton />
            </div>
            <ProgressPanel />
          </div>
          <ResumeBanner />
          <Notices />
          <LinkResultsBanner />
          <div className="grid">
            <LotteryChart />
            <RoundCurvesChart />
            <EarlyStopChart />
            <LayerDensityChart />
          </div>
          <PicturesPanel />
          <RunsTable />
          <HistoryPanel />
        </main>
      </div>
    </div>
  );
}
