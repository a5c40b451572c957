import DigitalPost
import Registry
import XMLTemplates
