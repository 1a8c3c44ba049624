import { useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { bindFeedback } from '../api/feedback';
import { dayjs } from '../lib/time';

/** Hands antd's context-aware message/notification to the API error handler. */
function FeedbackBridge() {
  const { message, notification } = AntApp.useApp();
  useEffect(() => bindFeedback(message, notification), [message, notification]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(en ? 'en' : 'zh-cn');
    document.documentElement.lang = en ? 'en' : 'zh-CN';
  }, [en]);
  return (
    <ConfigProvider
      locale={en ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#1f4e9c',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
        },
      }}
    >
      <AntApp>
        <FeedbackBridge />
        {children}
      </AntApp>
    </ConfigProvider>
  );
}
