import { recordFigures } from './reliability';

export const recordCorpus = (rows: Array<{ input: string; code: string; message: string; requests: number }>) => recordFigures('corpus', rows);

export interface MatrixCell {
  route: string;
  fault: string;
  outcome: string;
  tasks: number;
  creates: number;
  partialFiles: number;
  seconds: number;
}
export const recordMatrix = (cells: MatrixCell[]) => recordFigures('matrix', cells);

export const recordFuzz = (name: string, figures: Record<string, number | string>) => recordFigures(`fuzz-${name}`, figures);
