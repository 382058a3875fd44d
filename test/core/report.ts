export * from '../unit/report';
