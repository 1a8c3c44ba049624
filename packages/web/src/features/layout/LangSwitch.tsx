import { Button, Dropdown } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLang, setLang, type Lang } from '../../i18n';

export function LangSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <Dropdown
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: [
          { key: 'zh-CN', label: t('lang.zh') },
          { key: 'en', label: t('lang.en') },
        ],
        onClick: ({ key }) => setLang(key as Lang),
      }}
    >
      <Button
        type="text"
        icon={<TranslationOutlined />}
        aria-label={t('common.language')}
        data-testid="lang-switch"
      >
        {compact ? null : lang === 'en' ? t('lang.en') : t('lang.zh')}
      </Button>
    </Dropdown>
  );
}
