import type { ErrorAction } from '../../shared/errorActions';

/**
 * Where each account action sends the user: the Model Studio console or its documentation page, on the China site
 * for Beijing and on the international site elsewhere (they are separate accounts). Pages, not deep links into the
 * console: the console's inner routes are not documented and change.
 */
const LINK_ACTIONS = ['open-budget', 'top-up', 'activate', 'authorize-model'] as const satisfies readonly ErrorAction[];
export type LinkAction = (typeof LINK_ACTIONS)[number];

export function consoleLink(action: LinkAction, region: string | undefined, chinese: boolean): string {
  const china = region === undefined || region === 'cn-beijing';
  const doc = (page: string) => (china ? `https://help.aliyun.com/zh/model-studio/${page}` : `https://www.alibabacloud.com/help/${chinese ? 'zh' : 'en'}/model-studio/${page}`);
  switch (action) {
    case 'open-budget':
      return doc('budget-management');
    case 'top-up':
      return china ? 'https://usercenter2.aliyun.com/home' : 'https://usercenter2-intl.aliyun.com/billing';
    case 'activate':
      return china ? 'https://bailian.console.aliyun.com/' : 'https://modelstudio.console.alibabacloud.com/';
    case 'authorize-model':
      return doc('model-calling-in-sub-workspace');
  }
}

export function isLinkAction(action: ErrorAction): action is LinkAction {
  return (LINK_ACTIONS as readonly ErrorAction[]).includes(action);
}
